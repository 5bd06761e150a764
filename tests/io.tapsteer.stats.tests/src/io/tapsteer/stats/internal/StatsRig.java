package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real system for one test: a queue manager made by a factory configuration (ConfigAdmin, DS)
 * on a tap in a private namespace it creates, tracked by the stats component through DS. Deleting
 * the configuration closes the tap and the namespace.
 */
final class StatsRig implements AutoCloseable {
    static final BundleContext CONTEXT = FrameworkUtil.getBundle(StatsRig.class).getBundleContext();
    final TapService taps = await(TapService.class, null);
    final StatsService stats = await(StatsService.class, null);
    final QueueManager manager;
    final String device;
    private final Configuration config;
    // kept open: ConfigAdmin is a service factory whose instance dies with the last unget
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cmTracker =
            new ServiceTracker<>(CONTEXT, ConfigurationAdmin.class, null);
    private final List<ServiceRegistration<?>> handlers = new ArrayList<>();

    /**
     * @param prefix a device name prefix unique to the test (a template prefix%d is completed)
     */
    StatsRig(String prefix, int queues, String strategy) {
        try {
            cmTracker.open();
            ConfigurationAdmin cm = cmTracker.waitForService(15_000);
            if (cm == null) {
                throw new AssertionError("ConfigurationAdmin not registered within 15 s");
            }
            config = cm.createFactoryConfiguration(QueueManager.FACTORY_PID, "?");
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("device", prefix + "%d");
            p.put("namespace", "private");
            p.put("queues", queues);
            p.put("strategy", strategy);
            config.update(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        manager = await(QueueManager.class, "(" + QueueManager.DEVICE + "=" + prefix + "*)");
        device = manager.device().name();
        awaitTrue(() -> stats.devices().contains(device), "stats tracks " + device);
    }

    static <T> T await(Class<T> type, String filter) {
        ServiceTracker<T, T> tracker;
        try {
            tracker = filter == null ? new ServiceTracker<>(CONTEXT, type, null)
                    : new ServiceTracker<>(CONTEXT, CONTEXT.createFilter("(&(" + Constants.OBJECTCLASS + "="
                            + type.getName() + ")" + filter + ")"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        tracker.open();
        try {
            T s = tracker.waitForService(15_000);
            if (s == null) {
                throw new AssertionError(type.getSimpleName() + " " + (filter == null ? "" : filter) + " not registered within 15 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** Waits, bounded, for a condition that traffic makes true. */
    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 15 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Registers a frame handler for this device (whiteboard), unregistered on close. */
    void handler(FrameHandler h) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(FrameHandler.DEVICE, device);
        handlers.add(CONTEXT.registerService(FrameHandler.class, h, p));
    }

    /** @return a traffic source builder on this device, bounded to 10 s */
    TrafficSource.Builder source() {
        return TrafficSource.builder(taps, manager.device()).duration(java.time.Duration.ofSeconds(10));
    }

    /**
     * Waits until every frame sent is accounted for: read by tapsteer or dropped by the kernel, and
     * every frame read delivered or dropped (nothing left in rings or lanes).
     *
     * @return the settled snapshot
     */
    DeviceStats settle(long sent) {
        Predicate<DeviceStats> done = s -> {
            KernelView k = s.kernel();
            return k.tapsteerRead() + k.kernelDropped() == sent && k.inFlight() == 0 && k.unaccounted() == 0;
        };
        awaitTrue(() -> done.test(stats.snapshot(device)), "all " + sent + " frames accounted for: "
                + stats.snapshot(device).kernel().explanation());
        return stats.snapshot(device);
    }

    @Override
    public void close() {
        for (ServiceRegistration<?> r : handlers) {
            r.unregister();
        }
        try {
            config.delete();
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            cmTracker.close();
        }
        awaitTrue(() -> {
            ServiceReference<?>[] refs;
            try {
                refs = CONTEXT.getServiceReferences(QueueManager.class.getName(), "(" + QueueManager.DEVICE + "=" + device + ")");
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
            return refs == null;
        }, "queue manager of " + device + " gone");
    }
}
