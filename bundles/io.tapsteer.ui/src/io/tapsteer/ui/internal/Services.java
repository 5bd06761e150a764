package io.tapsteer.ui.internal;

import io.tapsteer.api.capture.CaptureService;
import io.tapsteer.api.capture.WhatIfService;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The services the views read, tracked dynamically: a strategy bundle that starts or stops shows up
 * or disappears at the views' next poll. One instance per framework, opened on first use.
 */
public final class Services {

    private static Services instance;

    private final ServiceTracker<TapService, TapService> taps;
    private final ServiceTracker<QueueManager, QueueManager> managers;
    private final ServiceTracker<SteeringStrategy, SteeringStrategy> strategies;
    private final ServiceTracker<KernelSteering, KernelSteering> kernel;
    private final ServiceTracker<org.osgi.service.cm.ConfigurationAdmin, org.osgi.service.cm.ConfigurationAdmin> configuration;
    private final ServiceTracker<StatsService, StatsService> stats;
    private final ServiceTracker<TapInventory, TapInventory> inventory;
    private final ServiceTracker<CaptureService, CaptureService> capture;
    private final ServiceTracker<WhatIfService, WhatIfService> whatIf;

    private Services(BundleContext context) {
        taps = open(context, TapService.class);
        managers = open(context, QueueManager.class);
        strategies = open(context, SteeringStrategy.class);
        kernel = open(context, KernelSteering.class);
        configuration = open(context, org.osgi.service.cm.ConfigurationAdmin.class); // held open: ConfigAdmin is a service factory
        stats = open(context, StatsService.class);
        inventory = open(context, TapInventory.class);
        capture = open(context, CaptureService.class);
        whatIf = open(context, WhatIfService.class);
    }

    private static <T> ServiceTracker<T, T> open(BundleContext context, Class<T> type) {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        return t;
    }

    /** @return the services of the framework this bundle runs in */
    public static synchronized Services get() {
        if (instance == null) {
            Bundle bundle = FrameworkUtil.getBundle(Services.class);
            if (bundle == null || bundle.getBundleContext() == null) {
                throw new IllegalStateException("the tapsteer views need a running OSGi framework with io.tapsteer.ui started");
            }
            instance = new Services(bundle.getBundleContext());
        }
        return instance;
    }

    /** @return the tap service, or null while none is registered */
    public TapService tapService() {
        return taps.getService();
    }

    /** @return the devices opened through the tap service, in name order */
    public List<TapDevice> devices() {
        TapService s = tapService();
        if (s == null) {
            return List.of();
        }
        List<TapDevice> list = new ArrayList<>(s.devices());
        list.sort(Comparator.comparing(TapDevice::name));
        return list;
    }

    /** @return the queue manager running this device, or null */
    public QueueManager managerOf(TapDevice device) {
        for (QueueManager m : list(managers)) {
            if (m.device() == device) {
                return m;
            }
        }
        return null;
    }

    /** @return every registered queue manager */
    public List<QueueManager> managers() {
        return list(managers);
    }

    /**
     * One registered strategy and the name it is known by ({@link SteeringStrategy#nameOf}).
     *
     * @param name its name
     * @param service the service object
     */
    public record Strategy(String name, SteeringStrategy service) {
    }

    /** @return every registered steering strategy, in name order */
    public List<Strategy> strategies() {
        List<Strategy> list = new ArrayList<>();
        strategies.getTracked().forEach((ref, s) -> list.add(new Strategy(SteeringStrategy.nameOf(s, ref.getProperty(SteeringStrategy.NAME)), s)));
        list.sort(Comparator.comparing(Strategy::name));
        return list;
    }

    /** @return the registered strategy of that name, or null */
    public SteeringStrategy strategy(String name) {
        for (Strategy s : strategies()) {
            if (s.name().equals(name)) {
                return s.service();
            }
        }
        return null;
    }

    /** @return ConfigAdmin, or null while none is registered */
    public org.osgi.service.cm.ConfigurationAdmin configurationAdmin() {
        return configuration.getService();
    }

    /** @return the stats service, or null while none is registered */
    public StatsService stats() {
        return stats.getService();
    }

    /** @return the inventory of every tun/tap on the host, or null while none is registered */
    public TapInventory inventory() {
        return inventory.getService();
    }

    /** @return the capture service (stats:capture's), or null while none is registered */
    public CaptureService capture() {
        return capture.getService();
    }

    /** @return the what-if service (steer:whatif's), or null while none is registered */
    public WhatIfService whatIf() {
        return whatIf.getService();
    }

    /** @return the kernel steering service, or null */
    public KernelSteering kernelSteering() {
        return kernel.getService();
    }

    private static <T> List<T> list(ServiceTracker<T, T> tracker) {
        Object[] s = tracker.getServices();
        List<T> out = new ArrayList<>();
        if (s != null) {
            for (Object o : s) {
                @SuppressWarnings("unchecked")
                T t = (T) o;
                out.add(t);
            }
        }
        return out;
    }
}
