package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.testsupport.Osgi;
import java.time.Duration;
import java.util.Hashtable;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A real queue manager for view tests: a ConfigAdmin factory configuration of io.tapsteer.queue
 * with its tap in a new private namespace (as the demo and the shell make them), optionally fed by
 * the lab traffic source, bounded in frames and time. Closing deletes the configuration, which
 * closes the tap and the namespace.
 */
final class QueueLab implements AutoCloseable {
    final BundleContext ctx = FrameworkUtil.getBundle(QueueLab.class).getBundleContext();
    final Configuration config;
    final QueueManager manager;
    private TrafficSource source;

    QueueLab(String device, int queues) throws Exception {
        assertNotNull(service(ConfigurationAdmin.class), "ConfigAdmin runs in the test framework");
        // our own reference: ConfigAdmin is a service factory, a closed tracker would unget it
        ConfigurationAdmin cm = ctx.getService(ctx.getServiceReference(ConfigurationAdmin.class));
        config = cm.getFactoryConfiguration(QueueManager.FACTORY_PID, device, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("device", device + "%d");
        p.put("namespace", "private");
        p.put("queues", queues);
        config.update(p);
        QueueManager m = null;
        long until = System.nanoTime() + 20_000_000_000L;
        while (m == null && System.nanoTime() - until < 0) {
            for (var ref : ctx.getServiceReferences(QueueManager.class, null)) {
                QueueManager q = ctx.getService(ref);
                // the name the kernel made of device%d: a prefix would also match another lab's
                // device (uicap of uicapx0) whose manager is still going away
                if (q != null && q.device().name().matches(Pattern.quote(device) + "\\d+") && !q.device().isClosed()) {
                    m = q;
                }
            }
            Thread.sleep(50);
        }
        manager = m;
        assertNotNull(manager, "the queue manager of configuration " + device + " started");
    }

    /** @return the first registered service of a type, waiting up to 20 s */
    <T> T service(Class<T> type) throws InterruptedException {
        return Osgi.await(ctx, type, null, 20_000);
    }

    /** @return the device's name as the kernel made it */
    String device() {
        return manager.device().name();
    }

    /** Starts lab traffic into the tap: {@code flows} flows at {@code rate} frames/s, at most 60 s. */
    TrafficSource traffic(int flows, long rate, long frames) throws InterruptedException {
        TapService taps = service(TapService.class);
        source = TrafficSource.builder(taps, manager.device()).flows(flows).rate(rate).frames(frames)
                .duration(Duration.ofSeconds(60)).build().start();
        return source;
    }

    /** @return the stats service once it tracks the device, or null after 20 s */
    StatsService trackedBy() throws InterruptedException {
        StatsService s = service(StatsService.class);
        long until = System.nanoTime() + 20_000_000_000L;
        while (s != null && !s.devices().contains(device()) && System.nanoTime() - until < 0) {
            Thread.sleep(50);
        }
        return s != null && s.devices().contains(device()) ? s : null;
    }

    /** @return frames the queue manager read, summed over the queues */
    long received() {
        return manager.queueCounters().stream().mapToLong(CounterSnapshot::rxPackets).sum();
    }

    @Override
    public void close() throws Exception {
        if (source != null) {
            source.close();
        }
        config.delete();
    }
}
