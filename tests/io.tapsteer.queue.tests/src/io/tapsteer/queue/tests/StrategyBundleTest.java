package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.testsupport.Osgi;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * A third-party strategy bundle (it throws on every 100th call) installed, used and uninstalled
 * while traffic runs: its fallbacks are counted, the device falls back to automq and says so, and
 * no frame is lost or duplicated.
 */
class StrategyBundleTest {
    private static final String BUNDLE = "io.tapsteer.queue.teststrategy";
    private static final String NAME = "test-flaky";

    @Test
    void strategyBundleComesAndGoesUnderTrafficWithoutLosingFrames() throws Exception {
        FlowChecker checker = new FlowChecker(1024);
        try (OsgiLab lab = new OsgiLab(Map.of("device", "qbundle", "namespace", "private", "queues", 4,
                "poolFrames", 16_384, "frameBytes", 256))) {
            Bundle installed = lab.bundle(BUNDLE);
            assertNotNull(installed, "the test strategy bundle is in the test runtime");
            String location = Osgi.installable(installed.getLocation(), lab.context);
            installed.uninstall(); // start without it: it is installed below, under traffic
            QueueManager qm = lab.manager;
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(FrameHandler.DEVICE, "qbundle");
            ServiceRegistration<FrameHandler> reg = lab.context.registerService(FrameHandler.class, checker, props);
            Bundle b = null;
            try {
                TapService taps = OsgiLab.await(lab.context, TapService.class, null);
                TrafficSource src = TrafficSource.builder(taps, qm.device()).flows(1024).frames(240_000).rate(60_000)
                        .duration(Duration.ofSeconds(30)).build().start();
                QueueLab.sleep(500);
                b = lab.context.installBundle(location);
                b.start();
                QueueLab.waitFor(() -> qm.strategies().contains(NAME), 10_000);
                qm.useStrategy(NAME);
                assertEquals(NAME, qm.activeStrategy());
                QueueLab.sleep(1_000);
                ServiceReference<SteeringStrategy> ref = lab.context.getServiceReferences(SteeringStrategy.class,
                        "(" + SteeringStrategy.NAME + "=" + NAME + ")").iterator().next();
                SteeringStrategy flaky = lab.context.getService(ref);
                b.uninstall();
                b = null;
                assertEquals("automq", qm.activeStrategy(), "the device fell back to automq");
                assertTrue(qm.steering().contains("strategy '" + NAME + "' went away: fell back to automq"), qm.steering());
                long calls = (Long) flaky.getClass().getMethod("calls").invoke(flaky);
                assertTrue(src.sent() < 240_000, "the bundle came and went while traffic ran");
                TrafficSource.Result r = src.await();
                QueueLab.waitFor(() -> read(qm) + qm.device().kernelCounters().txDropped() >= r.sent(), 10_000);
                QueueLab.sleep(100);
                KernelCounters k = qm.device().kernelCounters();
                long read = read(qm);
                long drops = QueueLab.sum(qm.queueCounters(), CounterSnapshot::totalDrops) + QueueLab.sum(qm.laneCounters(), CounterSnapshot::totalDrops);
                long fallbacks = QueueLab.sum(qm.queueCounters(), CounterSnapshot::fallbacks);
                System.out.println("strategy bundle: " + r + ", select calls " + calls + ", fallbacks " + fallbacks + ", kernel drops "
                        + k.txDropped() + ", queue drops " + qm.queueCounters().stream().map(q -> java.util.Arrays.toString(q.drops())).toList());
                assertEquals(r.sent(), read + k.txDropped(), "sent = read + kernel drops");
                assertEquals(read, checker.delivered.get() + drops, "read = delivered + counted drops");
                // roomy rings make drops rare; on a starved machine the bounded rings may still drop, and
                // then every frame that did not arrive must be one of them: none vanished
                assertEquals(k.txDropped() + drops, checker.lost(src), "nothing lost beyond the counted drops");
                assertEquals(0, checker.duplicates.get(), "nothing duplicated");
                assertTrue(calls >= 10_000, "the strategy steered for a while: " + calls + " calls");
                long thrown = (Long) flaky.getClass().getMethod("throwsSoFar").invoke(flaky);
                assertTrue(thrown >= calls / 100 - 1, "the strategy threw on every 100th call: " + thrown + " for " + calls + " calls");
                // a throw inside a batch's select costs that batch (at most 64 frames) as counted fallbacks
                assertTrue(fallbacks >= thrown, "every throw cost a counted fallback: " + fallbacks + " for " + thrown + " throws");
                assertTrue(fallbacks <= thrown * 64, "fallbacks come from the batches that threw: " + fallbacks + " for " + thrown + " throws");
            } finally {
                reg.unregister();
                if (b != null) {
                    b.uninstall();
                }
                lab.context.installBundle(location); // leave the runtime as it was
            }
        }
    }

    private static long read(QueueManager qm) {
        return QueueLab.sum(qm.queueCounters(), CounterSnapshot::rxPackets);
    }
}
