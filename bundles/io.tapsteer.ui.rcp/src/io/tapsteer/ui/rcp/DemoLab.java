package io.tapsteer.ui.rcp;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.ui.internal.LabSources;
import java.io.IOException;
import java.time.Duration;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The demo lab: a queue manager running a 4-queue tap in a private namespace (a ConfigAdmin factory
 * configuration of io.tapsteer.queue, as the headless demo makes), and the lab traffic source sending
 * 1024 documentation-address flows into it through an AF_PACKET socket. Bounded in frames and in
 * time; closing it deletes the configuration, which closes the tap and its namespace.
 */
public final class DemoLab implements AutoCloseable {
    /** Frames the demo sends at most. */
    static final long MAX_FRAMES = 10_000_000;
    /** How long it sends at most. */
    static final Duration MAX_TIME = Duration.ofMinutes(10);

    private final Configuration configuration;
    private final QueueManager manager;
    private final TrafficSource source;
    private final BundleContext context;
    private final ServiceReference<ConfigurationAdmin> cmReference;

    private DemoLab(BundleContext ctx, ServiceReference<ConfigurationAdmin> cmRef, ConfigurationAdmin cm, TapService taps)
            throws IOException, InterruptedException {
        context = ctx;
        cmReference = cmRef;
        configuration = cm.getFactoryConfiguration(QueueManager.FACTORY_PID, "gui-demo", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("device", "demo%d");
        p.put("namespace", "private");
        p.put("queues", 4);
        p.put("strategy", "automq");
        configuration.update(p);
        // only the demo's own manager (device demo<N>): another one may run outside a private namespace
        QueueManager m = await(ctx, QueueManager.class, "(" + QueueManager.DEVICE + "=demo*)", 20_000);
        if (m == null) {
            configuration.delete();
            throw new IllegalStateException("the demo's queue manager did not start within 20 s: is io.tapsteer.queue in the "
                    + "product, and may this process create taps (root or CAP_NET_ADMIN)?");
        }
        manager = m;
        // a visible, steady rate, not a flood: the GUI shares two CPUs with the data path
        source = TrafficSource.builder(taps, m.device()).flows(1024).rate(20_000).frames(MAX_FRAMES).duration(MAX_TIME)
                .build().start();
        // the Lab panel shows it and can stop it
        LabSources.register(m.device(), source, "1024 flows, 20000 frames/s, mixed, at most " + MAX_FRAMES + " frames and "
                + MAX_TIME.toSeconds() + " s (demo)");
    }

    private static <T> T await(BundleContext ctx, Class<T> type, long millis) throws InterruptedException {
        return await(ctx, type, null, millis);
    }

    /** @param filter an extra service filter, or null for any service of the type */
    private static <T> T await(BundleContext ctx, Class<T> type, String filter, long millis) throws InterruptedException {
        ServiceTracker<T, T> t;
        try {
            t = filter == null ? new ServiceTracker<>(ctx, type, null)
                    : new ServiceTracker<>(ctx, ctx.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad service filter " + filter + ": " + e.getMessage(), e);
        }
        t.open();
        try {
            return t.waitForService(millis);
        } finally {
            t.close();
        }
    }

    /** @return a running demo lab; fails in words when a service it needs does not run */
    static DemoLab start() {
        BundleContext ctx = FrameworkUtil.getBundle(DemoLab.class).getBundleContext();
        try {
            TapService taps = await(ctx, TapService.class, 10_000);
            // ConfigAdmin is a service factory: hold our own reference (a closed tracker would unget it)
            // until close(), which gives it back
            ServiceReference<ConfigurationAdmin> cmRef = await(ctx, ConfigurationAdmin.class, 10_000) == null ? null
                    : ctx.getServiceReference(ConfigurationAdmin.class);
            ConfigurationAdmin cm = cmRef == null ? null : ctx.getService(cmRef);
            if (taps == null || cm == null) {
                if (cm != null) {
                    ctx.ungetService(cmRef);
                }
                throw new IllegalStateException("the demo needs the tap service and ConfigAdmin: "
                        + (taps == null ? "no tap service (root or CAP_NET_ADMIN needed)" : "no ConfigAdmin in the product"));
            }
            try {
                return new DemoLab(ctx, cmRef, cm, taps);
            } catch (IOException | InterruptedException | RuntimeException e) {
                ctx.ungetService(cmRef);
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the demo lab", e);
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin refused the demo's configuration: " + e.getMessage(), e);
        }
    }

    /** @return the demo device */
    TapDevice device() {
        return manager.device();
    }

    /** @return frames sent so far */
    long sent() {
        return source.sent();
    }

    @Override
    public void close() {
        source.close();
        try {
            configuration.delete(); // the queue manager closes the tap and the private namespace
        } catch (IOException | IllegalStateException e) {
            // already gone with the framework
        }
        try {
            context.ungetService(cmReference);
        } catch (IllegalStateException e) {
            // the bundle context is no longer valid: the framework gave everything back already
        }
    }
}
