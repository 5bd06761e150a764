package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.StatsConfig;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The stats service: tracks every {@link QueueManager} as it comes and goes, samples each device at
 * a fixed interval into its history ring and its MBeans, and counts top flows as a
 * {@link FrameHandler} on every lane (per batch, without allocation per frame). Devices are kept by
 * their queue manager, not by name: two namespaces may each hold a device of the same name, and each
 * is tracked and shown on its own ({@link DeviceName}). Taps other processes hold, for which the tap
 * inventory gave out a handle, are tracked too, through the kernel's counters alone
 * ({@link KernelViewSource}); one that disappears is dropped at the next sample, said in one line.
 */
@Component(service = {StatsService.class, FrameHandler.class}, immediate = true, configurationPid = StatsComponent.PID)
@Designate(ocd = StatsComponent.Config.class)
public final class StatsComponent implements StatsService, FrameHandler {
    /** The ConfigAdmin PID. */
    public static final String PID = StatsConfig.PID;
    private static final Logger LOG = Logger.getLogger(StatsComponent.class.getName());

    /** Configuration (PID {@value #PID}). */
    @ObjectClassDefinition(id = PID, name = "tapsteer stats", description = "Sampling, rate window, history and top flows")
    public @interface Config {
        /** @return sampling interval of the history ring, ms */
        @AttributeDefinition(description = "sampling interval in ms (10 to 60000)")
        long intervalMs() default 1000;

        /** @return default rate window, in samples */
        @AttributeDefinition(description = "default rate window, in samples (less than the history)")
        int windowSamples() default 5;

        /** @return samples kept in the history ring */
        @AttributeDefinition(description = "samples kept in the history ring (2 to 100000)")
        int historySamples() default 300;

        /** @return how many top flows a snapshot lists */
        @AttributeDefinition(description = "top flows listed (1 to 1000)")
        int topFlows() default 10;

        /** @return space-saving counters per lane */
        @AttributeDefinition(description = "flow counters per lane (top flows to 65536)")
        int flowCounters() default 256;

        /** @return whether frames are counted per flow */
        @AttributeDefinition(description = "count top flows (costs a hash per frame on the lanes)")
        boolean flowsEnabled() default true;

        /** @return half-life of flow counts */
        @AttributeDefinition(description = "top flows follow the traffic of now: flow counts halve every this many seconds (0: count since tracking began; at most 86400)")
        int flowsHalfLifeS() default 60;

        /** @return whether MBeans are registered */
        @AttributeDefinition(description = "register MBeans under io.tapsteer:type=...")
        boolean jmxEnabled() default true;
    }

    private final Map<QueueManager, String> managers = new ConcurrentHashMap<>(); // bound -> device name property
    private final Map<QueueManager, Tracked> tracked = new ConcurrentHashMap<>();
    // by device object, not name: two namespaces may each hold a device of the same name
    private final Map<TapDevice, FlowTable> flowTables = new ConcurrentHashMap<>();
    // for batches that do not name their device object: the first tracked device of each name
    private final Map<String, FlowTable> flowTablesByName = new ConcurrentHashMap<>();
    private final FlowIdentity identity = new ParsedFlowIdentity();
    private volatile Settings settings = Settings.DEFAULT;
    private ScheduledExecutorService sampler;
    private boolean active;
    private final Map<TapDevice, KernelViewSource> foreign = new IdentityHashMap<>(); // sampler thread

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TapInventory inventory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile KernelSteering steering;

    /** One tracked queue manager: its device's kernel name, the name stats shows it by, and its parts. */
    private record Tracked(String device, DeviceName name, TapDevice tap, DeviceTracker tracker, JmxExporter jmx) {
    }

    @Activate
    void activate(Config c, Map<String, Object> props) {
        settings = Settings.of(OldKeys.apply(c, props, warning -> LOG.warning("tapsteer: " + warning)));
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapsteer-stats");
            t.setDaemon(true);
            return t;
        });
        synchronized (this) {
            active = true;
            managers.forEach(this::track);
        }
        long interval = settings.intervalNanos();
        sampler.scheduleAtFixedRate(this::sampleAll, interval, interval, TimeUnit.NANOSECONDS);
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
        synchronized (this) {
            active = false;
            for (Tracked t : tracked.values()) {
                closeJmx(t);
            }
            tracked.clear();
            flowTables.clear();
            flowTablesByName.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindQueueManager(QueueManager manager, Map<String, Object> properties) {
        Object name = properties.get(QueueManager.DEVICE);
        String device = name != null ? name.toString() : manager.device().name();
        synchronized (this) {
            managers.put(manager, device);
            if (active) {
                track(manager, device);
            }
        }
    }

    void unbindQueueManager(QueueManager manager) {
        synchronized (this) {
            managers.remove(manager);
            Tracked t = tracked.remove(manager);
            if (t == null) {
                return;
            }
            FlowTable flows = t.tracker().flows();
            flowTables.remove(t.tap(), flows);
            if (flowTablesByName.remove(t.device(), flows)) { // hand the name on to another device of that name
                for (Tracked other : tracked.values()) {
                    if (other.device().equals(t.device())) {
                        flowTablesByName.putIfAbsent(other.device(), other.tracker().flows());
                    }
                }
            }
            closeJmx(t);
        }
    }

    /** Starts tracking a manager under a name no tracked device has. Holds the monitor. */
    private void track(QueueManager manager, String device) {
        try {
            Tracked old = tracked.remove(manager); // never expected: each manager is tracked once
            if (old != null) {
                closeJmx(old);
            }
            TapDevice tap = manager.device();
            DeviceName name = DeviceName.unique(device, tap.namespace(), this::named);
            FlowTable flows = new FlowTable(identity, settings.flowCapacity());
            DeviceTracker tracker = new DeviceTracker(name.shown(), manager, settings, flows);
            JmxExporter jmx = settings.jmx() ? new JmxExporter(name, () -> tracker.snapshot(settings.windowNanos())) : null;
            tracked.put(manager, new Tracked(device, name, tap, tracker, jmx));
            flowTables.put(tap, flows);
            flowTablesByName.putIfAbsent(device, flows);
            if (jmx != null) {
                jmx.sync(tracker.snapshot(settings.windowNanos()));
            }
        } catch (RuntimeException e) { // a device that vanished while binding: not tracked, others go on
            LOG.log(Level.WARNING, "cannot track device " + device + ": " + e.getMessage(), e);
        }
    }

    /** @return the tracked device shown by this name, or null */
    private Tracked named(String shown) {
        for (Tracked t : tracked.values()) {
            if (t.name().shown().equals(shown)) {
                return t;
            }
        }
        return null;
    }

    private static void closeJmx(Tracked t) {
        if (t.jmx() != null) {
            t.jmx().close();
        }
    }

    /** Tracks the foreign handles the inventory gave out; forgets those closed or gone. Sampler thread. */
    private void syncForeign() {
        TapInventory inv = inventory;
        List<TapDevice> handles = inv == null ? List.of() : inv.foreignDevices();
        foreign.entrySet().removeIf(en -> {
            TapDevice d = en.getKey();
            boolean gone;
            try {
                gone = d.isClosed() || !handles.contains(d);
            } catch (RuntimeException e) {
                gone = true;
            }
            if (gone) {
                synchronized (this) {
                    Tracked t = tracked.get(en.getValue());
                    unbindQueueManager(en.getValue());
                    LOG.info("tapsteer: " + (t == null ? d.name() : t.name().shown()) + " (netns " + d.namespace().label()
                            + ") is gone (its holder exited or it was deleted): no longer in the statistics");
                }
            }
            return gone;
        });
        for (TapDevice d : handles) {
            if (!foreign.containsKey(d) && !d.isClosed()) {
                KernelViewSource source = new KernelViewSource(d, () -> steering);
                foreign.put(d, source);
                synchronized (this) {
                    if (!active) {
                        return;
                    }
                    managers.put(source, d.name());
                    track(source, d.name());
                }
            }
        }
    }

    private void sampleAll() {
        try {
            syncForeign();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "tracking taps other processes hold failed: " + e.getMessage(), e);
        }
        for (Tracked t : tracked.values()) {
            try {
                DeviceStats s = t.tracker().sample();
                if (t.jmx() != null) {
                    t.jmx().sync(s);
                }
            } catch (RuntimeException e) { // one failing device must not stop the sampler
                LOG.log(Level.FINE, "sampling " + t.tracker().device() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Counts the batch into its device's flow table. Frames of a device not tracked (yet, or any
     * more) are not counted: top flows, like the kernel view, count from when tracking began.
     */
    @Override
    public void onBatch(FrameBatch batch) {
        if (!settings.flows()) {
            return;
        }
        TapDevice tap = batch.tapDevice();
        FlowTable table = tap != null ? flowTables.get(tap) : flowTablesByName.get(batch.device());
        if (table != null) {
            table.count(batch);
        }
    }

    private DeviceTracker tracker(String device) {
        Tracked t = device == null ? null : named(device);
        if (t == null) {
            throw new IllegalArgumentException("no device '" + device + "' is tracked: tracked devices are "
                    + (tracked.isEmpty() ? "none (no queue manager runs)" : String.join(", ", devices())));
        }
        return t.tracker();
    }

    @Override
    public List<String> devices() {
        List<String> names = new ArrayList<>(tracked.size());
        for (Tracked t : tracked.values()) {
            names.add(t.name().shown());
        }
        names.sort(null);
        return names;
    }

    @Override
    public DeviceStats snapshot(String device) {
        return tracker(device).snapshot(settings.windowNanos());
    }

    @Override
    public DeviceStats snapshot(String device, Duration window) {
        Settings s = settings;
        long w = window == null ? -1 : window.toNanos();
        if (w < s.intervalNanos() || w > historySpan().toNanos()) {
            throw new IllegalArgumentException("rate window " + window + " is out of range: use "
                    + Duration.ofNanos(s.intervalNanos()) + " (one sample) to " + historySpan() + " (the history)");
        }
        return tracker(device).snapshot(w);
    }

    @Override
    public List<DeviceStats> history(String device) {
        return tracker(device).history();
    }

    @Override
    public Duration interval() {
        return Duration.ofNanos(settings.intervalNanos());
    }

    @Override
    public Duration window() {
        return Duration.ofNanos(settings.windowNanos());
    }

    @Override
    public Duration historySpan() {
        Settings s = settings;
        return Duration.ofNanos(s.intervalNanos() * (s.historySamples() - 1));
    }
}
