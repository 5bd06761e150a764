package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.StatsService;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@link FrameHandler} on every lane (per batch, without allocation per frame).
 */
@Component(service = {StatsService.class, FrameHandler.class}, immediate = true, configurationPid = "io.tapsteer.stats")
@Designate(ocd = StatsComponent.Config.class)
public final class StatsComponent implements StatsService, FrameHandler {
    private static final Logger LOG = Logger.getLogger(StatsComponent.class.getName());

    /** Configuration (PID io.tapsteer.stats). */
    @ObjectClassDefinition(name = "tapsteer stats", description = "Sampling, rate window, history and top flows")
    public @interface Config {
        /** @return sampling interval of the history ring, ms */
        @AttributeDefinition(description = "sampling interval in ms (10 to 60000)")
        long interval_ms() default 1000;

        /** @return default rate window, in samples */
        @AttributeDefinition(description = "default rate window, in samples (less than the history)")
        int window_samples() default 5;

        /** @return samples kept in the history ring */
        @AttributeDefinition(description = "samples kept in the history ring (2 to 100000)")
        int history_samples() default 300;

        /** @return how many top flows a snapshot lists */
        @AttributeDefinition(description = "top flows listed (1 to 1000)")
        int top_flows() default 10;

        /** @return space-saving counters per lane */
        @AttributeDefinition(description = "flow counters per lane (top flows to 65536)")
        int flow_counters() default 256;

        /** @return whether frames are counted per flow */
        @AttributeDefinition(description = "count top flows (costs a hash per frame on the lanes)")
        boolean flows_enabled() default true;

        /** @return half-life of flow counts */
        @AttributeDefinition(description = "top flows follow the traffic of now: flow counts halve every this many seconds (0: count since tracking began; at most 86400)")
        int flows_half_life_s() default 60;

        /** @return whether MBeans are registered */
        @AttributeDefinition(description = "register MBeans under io.tapsteer:type=...")
        boolean jmx_enabled() default true;
    }

    private final Map<QueueManager, String> managers = new ConcurrentHashMap<>();
    private final Map<String, Tracked> devices = new ConcurrentHashMap<>();
    private final Map<String, FlowTable> flowTables = new ConcurrentHashMap<>();
    private final FlowIdentity identity = new ParsedFlowIdentity();
    private volatile Settings settings = Settings.DEFAULT;
    private ScheduledExecutorService sampler;
    private boolean active;

    private record Tracked(QueueManager manager, DeviceTracker tracker, JmxExporter jmx) {
    }

    @Activate
    void activate(Config c) {
        settings = Settings.of(c.interval_ms(), c.window_samples(), c.history_samples(), c.top_flows(),
                c.flow_counters(), c.flows_enabled(), c.jmx_enabled(), c.flows_half_life_s());
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
            for (Tracked t : devices.values()) {
                closeJmx(t);
            }
            devices.clear();
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
            String device = managers.remove(manager);
            Tracked t = device == null ? null : devices.get(device);
            if (t != null && t.manager() == manager) {
                devices.remove(device);
                flowTables.remove(device);
                closeJmx(t);
            }
        }
    }

    private void track(QueueManager manager, String device) {
        try {
            FlowTable flows = flowTables.computeIfAbsent(device, d -> new FlowTable(identity, settings.flowCapacity()));
            DeviceTracker tracker = new DeviceTracker(device, manager, settings, flows);
            JmxExporter jmx = settings.jmx() ? new JmxExporter(device, () -> tracker.snapshot(settings.windowNanos())) : null;
            Tracked old = devices.put(device, new Tracked(manager, tracker, jmx));
            if (old != null) {
                closeJmx(old);
            }
            if (jmx != null) {
                jmx.sync(tracker.snapshot(settings.windowNanos()));
            }
        } catch (RuntimeException e) { // a device that vanished while binding: not tracked, others go on
            LOG.log(Level.WARNING, "cannot track device " + device + ": " + e.getMessage(), e);
        }
    }

    private static void closeJmx(Tracked t) {
        if (t.jmx() != null) {
            t.jmx().close();
        }
    }

    private void sampleAll() {
        for (Tracked t : devices.values()) {
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

    @Override
    public void onBatch(FrameBatch batch) {
        Settings s = settings;
        if (!s.flows()) {
            return;
        }
        FlowTable table = flowTables.get(batch.device());
        if (table == null) { // a batch before the manager was bound: once per device
            table = flowTables.computeIfAbsent(batch.device(), d -> new FlowTable(identity, s.flowCapacity()));
        }
        table.count(batch);
    }

    private DeviceTracker tracker(String device) {
        Tracked t = device == null ? null : devices.get(device);
        if (t == null) {
            throw new IllegalArgumentException("no device '" + device + "' is tracked: tracked devices are "
                    + (devices.isEmpty() ? "none (no queue manager runs)" : String.join(", ", devices())));
        }
        return t.tracker();
    }

    @Override
    public List<String> devices() {
        List<String> names = new ArrayList<>(devices.keySet());
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
