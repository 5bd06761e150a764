package io.tapsteer.shell;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.queue.QueueManagerConfig;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.CaptureReplay;
import io.tapsteer.lab.LabDevice;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.lab.capture.CaptureException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One lab run: a queue manager on a tap of its own ({@link LabDevice}: a factory configuration of
 * io.tapsteer.queue with a private namespace), the lab's frame handler on its device, bounded
 * traffic sources and replays of captures. Closing it stops the traffic and deletes the
 * configuration, which closes the tap and its namespace.
 */
final class LabRun implements AutoCloseable {
    /** First flow id the lab stamps. */
    static final long FIRST_FLOW = 1;

    final LabOptions options;
    final String device;
    final QueueManager manager;
    final LaneObserver observer;
    private final LabDevice lab;
    private final ServiceRegistration<FrameHandler> handler;
    private final List<TrafficSource> sources = new ArrayList<>();
    private final AtomicLong replayed = new AtomicLong();
    private final Services services;
    private final long started = System.nanoTime();
    private volatile long lastTapQueueFull;
    private boolean closed;

    private LabRun(LabOptions options, String device, LabDevice lab, QueueManager manager,
            LaneObserver observer, ServiceRegistration<FrameHandler> handler, Services services) {
        this.options = options;
        this.device = device;
        this.lab = lab;
        this.manager = manager;
        this.observer = observer;
        this.handler = handler;
        this.services = services;
    }

    /** How long a named strategy may take to appear (a bundle from deploy/ still registering it). */
    static final long STRATEGY_WAIT_MILLIS = 3000;

    /** Creates the device and its queue manager, then starts the traffic. */
    static LabRun start(BundleContext ctx, ConfigurationAdmin cm, TapService taps, Services services, LabOptions o, String device)
            throws IOException, InterruptedException {
        return start(ctx, cm, taps, services, o, device, true);
    }

    /**
     * Creates the device and its queue manager, then starts the lab's own traffic when {@code traffic}
     * (without it the tap carries only what {@link #replay} sends).
     */
    static LabRun start(BundleContext ctx, ConfigurationAdmin cm, TapService taps, Services services, LabOptions o, String device,
            boolean traffic) throws IOException, InterruptedException {
        if (services.awaitStrategy(o.strategy(), STRATEGY_WAIT_MILLIS) == null) {
            throw new IllegalArgumentException("--strategy '" + o.strategy() + "' is not registered: registered are "
                    + services.strategies().stream().map(Services.Strategy::name).toList());
        }
        String kernelSteering = o.kernelSteering().equals(QueueManagerConfig.KERNEL_STEERING_AUTOMQ)
                ? QueueManagerConfig.KERNEL_STEERING_AUTOMQ : QueueManagerConfig.KERNEL_STEERING_AUTO;
        LabDevice lab = LabDevice.start(ctx, cm, device, device, o.queues(), o.strategy(), kernelSteering, TimeUnit.SECONDS.toMillis(20));
        if (lab == null) {
            throw new IllegalStateException("the queue manager for " + device + " did not start within 20 s: is io.tapsteer.queue running, "
                    + "and may this process create taps (root or CAP_NET_ADMIN)?");
        }
        QueueManager m = lab.manager();
        LaneObserver observer = new LaneObserver(m, services::strategy, FIRST_FLOW, o.flows());
        Hashtable<String, Object> hp = new Hashtable<>();
        hp.put(FrameHandler.DEVICE, device);
        ServiceRegistration<FrameHandler> h = ctx.registerService(FrameHandler.class, observer, hp);
        LabRun run = new LabRun(o, device, lab, m, observer, h, services);
        try {
            run.awaitStrategy();
            run.checkKernelSteering();
            if (traffic) {
                run.startTraffic(taps);
            }
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Waits (bounded) until the device runs the chosen strategy: the queue manager starts on automq
     * and swaps once the strategy's service is bound, and traffic must not straddle that swap.
     */
    private void awaitStrategy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!manager.activeStrategy().equals(options.strategy())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("strategy " + options.strategy() + " did not become active on " + device
                        + " within 10 s: " + manager.steering());
            }
            Thread.sleep(10);
        }
    }

    private void checkKernelSteering() {
        String how = manager.steering();
        if (options.kernelSteering().equals("ebpf") && !manager.kernelProgramSteers()) {
            throw new IllegalStateException("--kernel-steering ebpf: " + options.strategy() + " is not steered by a kernel program here ("
                    + how + "); use a strategy with a kernel form (rss) on a kernel that loads steering eBPF, or --kernel-steering auto");
        }
    }

    private void startTraffic(TapService taps) {
        int kinds = options.mixes().size();
        long rate = options.rate() == 0 ? 0 : Math.max(1, options.rate() / kinds);
        long flowId = FIRST_FLOW;
        for (int k = 0; k < kinds; k++) {
            int flows = options.flows() / kinds + (k < options.flows() % kinds ? 1 : 0);
            TrafficSource s = TrafficSource.builder(taps, manager.device()).flows(flows).firstFlowId(flowId)
                    .mix(options.mixes().get(k)).rate(rate).frames(Long.MAX_VALUE)
                    .duration(Duration.ofSeconds(options.seconds())).build();
            sources.add(s);
            flowId += flows;
        }
        sources.forEach(TrafficSource::start);
    }

    /**
     * Sends a capture's frames into the run's tap (beside its own traffic, if any) and waits for the
     * replay to end; what the kernel accepted counts in {@link #sent()}.
     */
    CaptureReplay.Result replay(TapService taps, Path file, long rate, int loops, int seconds) throws CaptureException, InterruptedException {
        CaptureReplay r = CaptureReplay.builder(taps, manager.device(), file).rate(rate).loops(loops)
                .duration(Duration.ofSeconds(seconds)).build();
        CaptureReplay.Result result = r.run();
        replayed.addAndGet(result.sent());
        return result;
    }

    /** @return frames the kernel accepted from the sources and replays so far */
    long sent() {
        long t = replayed.get();
        for (TrafficSource s : sources) {
            t += s.sent();
        }
        return t;
    }

    /** @return whether the run sends the lab's own flows (not only replays) */
    boolean hasTraffic() {
        return !sources.isEmpty();
    }

    /** Stops the traffic and waits for the sources. */
    void stopTraffic() {
        sources.forEach(TrafficSource::stop);
        sources.forEach(TrafficSource::close);
    }

    /** Waits for the sources to stop by themselves (their time limit). */
    void awaitTraffic() {
        sources.forEach(TrafficSource::await);
    }

    /** @return frames delivered on the lanes */
    long received() {
        long t = 0;
        for (CounterSnapshot l : manager.laneCounters()) {
            t += l.rxPackets();
        }
        return t;
    }

    /** @return frames dropped: by the kernel (a full queue ring) and by tapsteer (every reason) */
    long dropped() {
        return drops().total();
    }

    /**
     * @return where frames were dropped; once the device is gone, the frames sent but neither
     *         received nor counted as dropped went with it (its queue rings, and kernel drops not
     *         read before it vanished)
     */
    LabDrops drops() {
        boolean gone = deviceGone();
        long kernel = tapQueueFull(gone);
        long received = received();
        List<CounterSnapshot> queues = manager.queueCounters();
        List<CounterSnapshot> lanes = manager.laneCounters();
        LabDrops d = LabDrops.of(kernel, queues, lanes, 0);
        long lost = gone ? sent() - received - d.total() : 0;
        return lost > 0 ? LabDrops.of(kernel, queues, lanes, lost) : d;
    }

    /** @return whether the run's tap vanished underneath (deleted, or its namespace closed) */
    boolean deviceGone() {
        return manager.device().isGone();
    }

    /** The kernel's tx_dropped, read while the device exists; a vanished device keeps the last value read. */
    private long tapQueueFull(boolean gone) {
        if (!gone) {
            try {
                KernelCounters k = manager.device().kernelCounters();
                lastTapQueueFull = k.txDropped();
            } catch (RuntimeException e) {
                // vanished between the two calls: the last value stands
            }
        }
        return lastTapQueueFull;
    }

    /** Waits (bounded) until every sent frame is received or counted as dropped. */
    void drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received() + dropped() < sent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** @return seconds since the run started */
    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopTraffic();
        try {
            handler.unregister();
        } catch (IllegalStateException e) {
            // already gone with the framework
        }
        lab.close();
    }
}
