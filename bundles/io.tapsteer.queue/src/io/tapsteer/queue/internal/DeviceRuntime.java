package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.queue.internal.strategy.AutomqStrategy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The queue manager of one device, usable with or without OSGi: pollers per attached queue, lanes,
 * pools, the active strategy (swapped RCU-like) and transmit. Control operations (swaps, queue
 * changes, whiteboard changes) are serialised on one lock; the data path never takes it.
 *
 * <p>A swap publishes a new {@link Active} and waits until no poller can steer with the old one:
 * each is outside its read-side section (it reads the steering afresh at the next batch) or steers
 * with the new one. Only then is the old strategy released. A poller that meets a new generation
 * first delivers what it queued for lanes under the old one, so no frame is lost or duplicated and
 * no flow reordered.
 */
public final class DeviceRuntime implements QueueManager {
    private static final Logger LOG = Logger.getLogger(DeviceRuntime.class.getName());
    private final TapDevice device;
    private final Settings settings;
    private final Handlers handlers;
    private final Strategies strategies = new Strategies();
    private final Object control = new Object();
    private final Pollers pollers; // guarded by control
    private final Transmitter transmitter;
    private final Steering steering;
    private String preferred;
    private boolean closed;
    /** Why the device is gone (in words for steer:show), null while it exists. */
    private volatile String gone;

    /**
     * @param device an open tap (the caller closes it after {@link #close()})
     * @param settings validated settings
     * @param handlers the frame handlers of this device
     */
    public DeviceRuntime(TapDevice device, Settings settings, Handlers handlers) {
        this.device = device;
        this.settings = settings;
        this.handlers = handlers;
        this.preferred = settings.strategy();
        int vnet = device.vnetHeaderSize();
        int wanted = device.options().offloads() != 0 ? Settings.MAX_FRAME + vnet : settings.frameBytes();
        int slotBytes = (Math.max(wanted, 128) + 63) & ~63;
        this.transmitter = new Transmitter(this, settings);
        this.steering = new Steering(this, device, settings);
        this.pollers = new Pollers(this, device, settings, slotBytes);
    }

    /** Opens a poller for every attached queue, picks the strategy and starts the threads. */
    public void start() {
        synchronized (control) {
            for (TapQueue q : device.queues()) {
                if (q.isAttached()) {
                    pollers.open(q);
                }
            }
            transmitter.reindex(pollers.all());
            SteeringStrategy s = strategies.get(preferred);
            steering.begin(s != null ? s : Strategies.AUTOMQ, s != null ? "" : "waiting for strategy '" + preferred + "'");
            for (Poller p : pollers.all()) {
                p.start();
            }
        }
    }

    Active active() {
        return steering.active();
    }

    Settings settings() {
        return settings;
    }

    Handlers handlers() {
        return handlers;
    }

    Lane lane(int index) {
        return steering.lane(index);
    }

    Poller pollerAt(int index) {
        return transmitter.pollerAt(index);
    }

    /** Gives a poller rings to lanes 0 .. n-1, keeping the ones it has. Called by the poller itself. */
    LaneRing[] ringsFor(Poller p, LaneRing[] current, int n) {
        LaneRing[] r = Arrays.copyOf(current, n);
        for (int l = current.length; l < n; l++) {
            r[l] = new LaneRing(settings.laneRingFor(n), p);
            steering.lane(l).addRing(r[l]);
        }
        return r;
    }

    // ---- strategies, kernel steering -------------------------------------------------------

    /** @return the active strategy while the runtime runs, null before start and after close. Under control. */
    private SteeringStrategy running() {
        Active a = steering.active();
        return a == null || closed ? null : a.strategy();
    }

    /** A strategy appeared (whiteboard). */
    public void addStrategy(String name, SteeringStrategy s) {
        synchronized (control) {
            strategies.add(name, s);
            SteeringStrategy now = running();
            if (now != null && name.equals(preferred) && now != s) {
                swap(s, "strategy '" + name + "' arrived");
            }
        }
    }

    /**
     * A strategy was reconfigured: when it is the active one it is swapped in again, so that its kernel
     * form follows the new configuration (the kernel steering owner rewrites its maps in place).
     */
    public void strategyChanged(String name, SteeringStrategy s) {
        synchronized (control) {
            if (running() == s) {
                swap(s, "strategy '" + name + "' reconfigured");
            }
        }
    }

    /** A strategy went away: if it was active the device falls back to automq (after every poller let go). */
    public void removeStrategy(String name, SteeringStrategy s) {
        synchronized (control) {
            strategies.remove(name, s);
            if (running() == s) {
                LOG.warning("tapsteer: strategy '" + name + "' of " + device.name() + " went away: falling back to automq");
                swap(Strategies.AUTOMQ, "strategy '" + name + "' went away: fell back to automq");
            }
        }
    }

    /**
     * @param allow false to keep every strategy in user space (the kernel stays on automq) even when it
     *        has a kernel program and a kernel steering service could attach it; call before {@link #start()}
     */
    public void allowKernelPrograms(boolean allow) {
        steering.kernelPath().allowPrograms(allow);
    }

    /** Kernel steering appeared or went away (null). */
    public void setKernelSteering(KernelSteering k) {
        synchronized (control) {
            steering.kernelPath().use(k);
            SteeringStrategy now = running();
            if (now != null && KernelPath.hasProgram(now)) {
                swap(now, k == null ? "kernel steering went away" : "kernel steering arrived");
            }
        }
    }

    /**
     * A poller saw the strategy use too much CPU per frame several batches in a row: fall back to
     * automq. Done on a thread of its own, because a swap waits for the pollers.
     */
    void tooSlow(SteeringStrategy s, long nanosPerFrame) {
        Thread t = new Thread(() -> {
            synchronized (control) {
                if (running() == s) {
                    String why = "strategy '" + s.name() + "' too slow (" + nanosPerFrame + " ns of CPU per frame, "
                            + settings.selectNanos() + " allowed): fell back to automq";
                    LOG.warning("tapsteer: " + device.name() + ": " + why);
                    swap(Strategies.AUTOMQ, why);
                }
            }
        }, "tapsteer-" + device.name() + "-demote");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void useStrategy(String name) {
        synchronized (control) {
            SteeringStrategy s = strategies.get(name);
            if (s == null) {
                throw new IllegalArgumentException("unknown strategy '" + name + "': available are " + String.join(", ", strategies.names()));
            }
            checkOpen();
            preferred = name;
            swap(s, "");
        }
    }

    /** Swaps under the control lock: see {@link Steering#swap}. */
    private void swap(SteeringStrategy s, String note) {
        steering.swap(s, note, pollers.all());
    }

    // ---- queues ------------------------------------------------------------------------------

    @Override
    public TapQueue addQueue() {
        synchronized (control) {
            checkOpen();
            TapQueue q = pollers.add();
            respread("queue " + q.id() + " added");
            return q;
        }
    }

    @Override
    public void detachQueue(int queueId) {
        synchronized (control) {
            checkOpen();
            Poller p = pollers.detachable(queueId);
            if (steering.kernelPath().avoid(p.queue.index(), device.attachedQueues())) {
                QueueDrain.await(p, device.name());
            }
            pollers.detach(queueId, steering.lanes());
            respread("queue " + queueId + " detached");
        }
    }

    @Override
    public void attachQueue(int queueId) {
        synchronized (control) {
            checkOpen();
            pollers.attach(queueId);
            respread("queue " + queueId + " attached");
        }
    }

    @Override
    public long memoryPerQueue() {
        return pollers.memoryPerQueue();
    }

    @Override
    public void supplyMemory(int queueId, ByteBuffer memory) {
        synchronized (control) {
            checkOpen();
            pollers.supply(queueId, memory);
        }
    }

    private void respread(String why) {
        transmitter.reindex(pollers.all());
        swap(steering.active().strategy(), why);
    }

    // ---- QueueManager ---------------------------------------------------------------------------

    @Override
    public boolean awaitPolling(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Poller> all;
        synchronized (control) {
            all = List.copyOf(pollers.all());
        }
        for (Poller p : all) {
            if (p.isRunning() && !p.awaitPolling(Math.max(0, deadline - System.nanoTime()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public TapDevice device() {
        return device;
    }

    @Override
    public String activeStrategy() {
        Active a = steering.active();
        return a.strategy() == Strategies.AUTOMQ ? AutomqStrategy.NAME : a.strategy().name();
    }

    @Override
    public String steering() {
        String g = gone;
        return g != null ? g : steering.active().note();
    }

    @Override
    public boolean kernelProgramSteers() {
        return gone == null && steering.active().kernelProgram();
    }

    /** @return whether the device vanished underneath and this runtime stopped steering it */
    public boolean isDeviceGone() {
        return gone != null;
    }

    /**
     * A poller's read failed. When the failure says the device may be gone and the device confirms
     * it, the first poller to see it marks the runtime gone and stops every poller and lane on a
     * thread of its own (a poller cannot wait for itself); one log line says so.
     *
     * @return whether the device is gone: the poller ends without retrying
     */
    boolean readFailed(RuntimeException failure) {
        if (gone != null) {
            return true;
        }
        if (!(failure instanceof TapException e) || !e.deviceGone() || !device.isGone()) {
            return false;
        }
        synchronized (this) {
            if (gone != null) {
                return true;
            }
            gone = "none: tap \"" + device.name() + "\" is gone (deleted underneath or its namespace closed) since "
                    + java.time.LocalTime.now().withNano(0) + "; its pollers and lanes stopped and the counters are final";
        }
        Thread t = new Thread(this::stopGone, "tapsteer-" + device.name() + "-gone");
        t.setDaemon(true);
        t.start();
        return true;
    }

    /** Stops every thread of a gone device once; the owner still closes the device (its fds). */
    private void stopGone() {
        int stopped;
        synchronized (control) {
            if (closed) {
                return;
            }
            List<Poller> all = pollers.all();
            for (Poller p : all) {
                p.stop();
            }
            for (Lane l : steering.lanes()) {
                l.stop();
            }
            steering.kernelPath().detach();
            stopped = all.size();
        }
        LOG.warning("tapsteer: " + device.name() + " is gone (deleted underneath or its namespace closed): stopped its "
                + stopped + " pollers; steer:show and stats keep its final counters until it is removed");
    }

    @Override
    public List<String> strategies() {
        return strategies.names();
    }

    @Override
    public int lanes() {
        return steering.active().lanes();
    }

    @Override
    public List<CounterSnapshot> queueCounters() {
        List<Poller> ps;
        synchronized (control) {
            ps = pollers.all();
        }
        return Snapshots.queues(ps);
    }

    @Override
    public List<CounterSnapshot> laneCounters() {
        List<Poller> ps;
        synchronized (control) {
            ps = pollers.all();
        }
        Lane[] ls = steering.lanes();
        return Snapshots.lanes(Math.max(steering.active().lanes(), ls.length), ls, ps);
    }

    @Override
    public boolean transmit(ByteBuffer buffer, int offset, int length) {
        return transmitter.transmit(steering.active(), buffer, offset, length);
    }

    @Override
    public int transmit(ByteBuffer buffer, int[] offsets, int[] lengths, int count) {
        return transmitter.transmit(steering.active(), buffer, offsets, lengths, count);
    }

    // ---- measurement and shutdown -------------------------------------------------------------

    /** @return nanoseconds the last swap took until no poller could steer with the old strategy */
    public long lastSwapNanos() {
        return steering.lastSwapNanos();
    }

    /** @return the ids of every poller and lane thread (for allocation measurements) */
    public long[] threadIds() {
        synchronized (control) {
            List<Long> ids = new ArrayList<>();
            for (Poller p : pollers.all()) {
                ids.add(p.threadId());
            }
            for (Lane l : steering.lanes()) {
                ids.add(l.threadId());
            }
            return ids.stream().mapToLong(Long::longValue).filter(i -> i >= 0).toArray();
        }
    }

    /** @return pooled frames not back in their pool (held by handlers or in flight) */
    public int framesOutstanding() {
        synchronized (control) {
            return pollers.framesOutstanding();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the queue manager of " + device.name() + " is shut down");
        }
        if (gone != null) {
            throw new IllegalStateException("tap " + device.name() + " is gone (deleted underneath or its namespace closed): "
                    + "nothing is steered on it any more; remove its configuration, or stop its lab run");
        }
    }

    /** Stops every poller (each delivers what it queued), then every lane; detaches kernel steering. */
    public void close() {
        synchronized (control) {
            if (closed) {
                return;
            }
            closed = true;
            for (Poller p : pollers.all()) {
                p.stop();
            }
            for (Lane l : steering.lanes()) {
                l.stop();
            }
            steering.kernelPath().detach();
            transmitter.close();
        }
    }

    /** Used by the transmitter: one frame view per transmitting thread. */
    static Frame newTxFrame() {
        return new Frame(null);
    }
}
