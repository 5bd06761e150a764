package io.tapsteer.ui.rcp;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.queue.QueueManagerConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.LabDevice;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.ui.LabSources;
import java.io.IOException;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The demo lab: a queue manager running a 4-queue tap in a private namespace ({@link LabDevice}, as
 * the headless demo makes it), and the lab traffic source sending 1024 documentation-address flows
 * into it through an AF_PACKET socket. Bounded in frames and in time; closing it deletes the
 * configuration, which closes the tap and its namespace.
 */
public final class DemoLab implements AutoCloseable {
    /** Frames the demo sends at most. */
    static final long MAX_FRAMES = 10_000_000;
    /** How long it sends at most. */
    static final Duration MAX_TIME = Duration.ofMinutes(10);

    private final LabDevice lab;
    private final QueueManager manager;
    private final TrafficSource source;
    private final BundleContext context;
    private final ServiceReference<ConfigurationAdmin> cmReference;

    private DemoLab(BundleContext ctx, ServiceReference<ConfigurationAdmin> cmRef, ConfigurationAdmin cm, TapService taps)
            throws IOException, InterruptedException {
        context = ctx;
        cmReference = cmRef;
        // only the demo's own manager (device demo<N>): another one may run outside a private namespace
        lab = LabDevice.start(ctx, cm, "gui-demo", "demo%d", 4, "automq", QueueManagerConfig.KERNEL_STEERING_AUTO, 20_000);
        if (lab == null) {
            throw new IllegalStateException("the demo's queue manager did not start within 20 s: is io.tapsteer.queue in the "
                    + "product, and may this process create taps (root or CAP_NET_ADMIN)?");
        }
        QueueManager m = lab.manager();
        manager = m;
        // a visible, steady rate, not a flood: the GUI shares two CPUs with the data path
        source = TrafficSource.builder(taps, m.device()).flows(1024).rate(20_000).frames(MAX_FRAMES).duration(MAX_TIME)
                .build().start();
        // the Lab panel shows it and can stop it
        LabSources.register(m.device(), source, "1024 flows, 20000 frames/s, mixed, at most " + MAX_FRAMES + " frames and "
                + MAX_TIME.toSeconds() + " s (demo)");
    }

    private static <T> T await(BundleContext ctx, Class<T> type, long millis) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, type, null);
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
        lab.close(); // the queue manager closes the tap and the private namespace
        try {
            context.ungetService(cmReference);
        } catch (IllegalStateException e) {
            // the bundle context is no longer valid: the framework gave everything back already
        }
    }
}
