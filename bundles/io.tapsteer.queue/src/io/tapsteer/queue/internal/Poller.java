package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.QueueWaiter;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.queue.SteeringCall;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * The poller of one tap queue (thread {@code tapsteer-<dev>-q<id>}): blocks in epoll until the queue
 * is readable, drains up to {@code budget} frames into its pool ({@link QueueReader}: one kernel
 * crossing per batch where io_uring exists), then, inside its steering section, reads the active
 * steering once and either delivers the batch itself (lane = queue) or hands each frame to its
 * lane's ring. Counters are added once per batch; nothing is allocated or locked per frame.
 */
final class Poller implements Runnable {
    private static final Logger LOG = Logger.getLogger(Poller.class.getName());
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** CPU time every batch may take on top of the per-frame allowance (class loading, JIT, the clock itself). */
    private static final long SLACK_NANOS = 1_000_000L;
    final TapQueue queue;
    final Counters counters;
    final Counters inlineLane;
    final LongAdder txPackets = new LongAdder();
    final LongAdder txBytes = new LongAdder();
    final LongAdder txFallbacks = new LongAdder();
    private final DeviceRuntime runtime;
    private Slab slab; // replaced only while the thread is stopped
    private final LaneBatch batch;
    private final int[] lanesOut;
    private final int budget;
    private final long selectNanos;
    private volatile QueueWaiter waiter;
    private volatile boolean running;
    /** Counted down once the thread has its reader and has read the queue (it is polling). */
    private final CountDownLatch polling = new CountDownLatch(1);
    private volatile long seen = -1;
    private volatile boolean inSection;
    private volatile Thread thread;
    private LaneRing[] rings = new LaneRing[0];
    private int slowBatches;
    private final QueueReader reader;
    private final ReadFailures failures = new ReadFailures();
    /** the lane this poller last delivered on itself (lane = queue), -1 before it did */
    private volatile int inlineLaneIndex = -1;

    Poller(DeviceRuntime runtime, TapQueue queue, Settings settings, int slotBytes) {
        this.runtime = runtime;
        this.queue = queue;
        this.counters = new Counters("queue", queue.id());
        this.inlineLane = new Counters("lane", queue.id());
        this.slab = new Slab(settings.poolFrames(), slotBytes, null); // supplied memory arrives later, through useSlab
        this.batch = new LaneBatch(runtime.device(), settings.budget());
        this.budget = settings.budget();
        this.lanesOut = new int[budget];
        this.selectNanos = settings.selectNanos();
        this.reader = new QueueReader(queue, budget, runtime.device().vnetHeaderSize(), batch.frames);
    }

    /** Starts the thread (in the device's namespace when it has one). */
    synchronized void start() {
        if (running) {
            return;
        }
        waiter = queue.newWaiter();
        running = true;
        String name = "tapsteer-" + runtime.device().name() + "-q" + queue.id();
        thread = runtime.device().namespace() != null ? runtime.device().namespace().startThread(name, this) : startPlain(name);
    }

    private Thread startPlain(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops the thread and waits until it has handed every frame on; closes the waiter. */
    synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        waiter.wakeup();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiter.close();
        thread = null;
    }

    /** Replaces the pool; only while the thread is stopped and the old pool is whole. */
    void useSlab(Slab next) {
        slab = next;
    }

    /** Drops the rings to lanes after the thread stopped and the lanes forgot them. */
    void forgetRings() {
        rings = new LaneRing[0];
    }

    /**
     * @return the lane the {@link #inlineLane} counters belong to: the queue's kernel index, or
     *         for a detached queue the lane it last delivered on (0 when it never did)
     */
    int inlineLaneIndex() {
        int i = queue.index();
        return i >= 0 ? i : Math.max(inlineLaneIndex, 0);
    }

    /** @return whether the thread runs */
    boolean isRunning() {
        return running && thread != null;
    }

    /**
     * @return whether this poller can no longer steer with a generation older than {@code generation}:
     *         it is outside its read-side section (its next section reads the steering afresh) or
     *         steers with that generation already
     */
    boolean passed(long generation) {
        return !inSection || seen >= generation;
    }

    /**
     * Waits until the thread has read its queue once with its reader set up (it polls from then on).
     *
     * @return whether it did within {@code nanos}
     */
    boolean awaitPolling(long nanos) throws InterruptedException {
        return polling.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** @return the thread's id, for allocation measurements, or -1 */
    long threadId() {
        Thread t = thread;
        return t == null ? -1 : t.getId();
    }

    /** @return free frames in the pool now */
    int freeFrames() {
        return slab.free();
    }

    /** @return frames in the pool */
    int poolFrames() {
        return slab.frames();
    }

    @Override
    public void run() {
        reader.use(openBatchIo());
        try {
            while (running) {
                RuntimeException failure = null;
                try {
                    reader.read(slab); // touches no steering: a swap need not wait for it
                } catch (RuntimeException e) { // a vanished device or closed fd: frames read before it still go on
                    failure = e;
                }
                if (reader.total() > 0) {
                    handOn();
                }
                if (failure != null) {
                    if (!running || queue.isClosed() || runtime.device().isClosed() || runtime.readFailed(failure)) {
                        break; // closed, or the device is gone: the runtime stops every poller once
                    }
                    failures.failed(failure);
                    LockSupport.parkNanos(10_000_000L); // not worth a dead loop
                    continue;
                }
                failures.succeeded();
                polling.countDown();
                if (reader.dry() && running) {
                    waiter.await(-1); // epoll: no spinning while idle
                }
            }
        } finally {
            awaitDrained(runtime.settings().swapTimeoutMillis() * 1_000_000L);
            reader.close();
        }
    }

    /** @return this thread's batch reader, or null for one read(2) per frame (settings or kernel) */
    private BatchIo openBatchIo() {
        if (!runtime.settings().batchIo()) {
            return null;
        }
        try {
            return runtime.device().newBatchIo(budget);
        } catch (UnsupportedOperationException | TapException e) {
            LOG.info("tapsteer: poller " + Thread.currentThread().getName() + " reads frame by frame: " + e.getMessage());
            return null;
        }
    }

    /**
     * The quiescent point of a swap: frames this poller already queued for lanes are delivered
     * before it steers with the new generation, so no flow overtakes its own earlier frames.
     */
    private void quiesce(Active a) {
        awaitDrained(runtime.settings().swapTimeoutMillis() * 1_000_000L);
        if (!a.laneIsQueue() && rings.length < a.lanes()) {
            rings = runtime.ringsFor(this, rings, a.lanes());
        }
        seen = a.generation();
    }

    private void awaitDrained(long timeoutNanos) {
        long until = System.nanoTime() + timeoutNanos;
        for (LaneRing r : rings) {
            while (!r.drained()) {
                if (System.nanoTime() - until > 0) {
                    LOG.warning("tapsteer: lane of " + Thread.currentThread().getName() + " did not deliver in time; continuing");
                    return;
                }
                LockSupport.parkNanos(20_000L);
            }
        }
    }

    /**
     * Counts what was read and hands the frames on with the active steering, inside the read-side
     * section of the RCU-like swap: the section flag is set before the steering is read (both
     * volatile, so a swap either sees the flag or the poller sees the new steering), and a swap
     * waits only for pollers inside a section with an older generation.
     */
    private void handOn() {
        counters.addRxBatch(reader.total(), reader.bytes());
        if (reader.exhausted() > 0) {
            counters.addDrops(DropReason.POOL_EXHAUSTED, reader.exhausted());
        }
        if (reader.malformed() > 0) {
            counters.addDrops(DropReason.MALFORMED, reader.malformed());
        }
        batch.size = reader.count();
        if (batch.size == 0) {
            return;
        }
        inSection = true;
        try {
            Active a = runtime.active(); // the one read of the steering per batch
            if (a.generation() != seen) {
                quiesce(a);
            }
            if (a.laneIsQueue()) {
                int lane = Math.max(queue.index(), 0);
                batch.lane = lane;
                if (lane != inlineLaneIndex) {
                    inlineLaneIndex = lane;
                }
                Delivery.deliver(runtime.handlers().forLane(batch.lane), batch, inlineLane);
            } else {
                steer(a);
            }
        } finally {
            inSection = false;
        }
    }

    /**
     * User-space steering: one batch select, guarded ({@link SteeringCall}), then one publish per
     * ring. A throw or an out-of-range lane sends the frame to lane 0 as a counted fallback. A batch whose selects used
     * more CPU time than allowed (CPU time, so a poller the scheduler preempted is not blamed) counts
     * its frames as fallbacks but keeps them on the chosen lanes, so flows stay in order; several such
     * batches in a row demote the device to automq.
     */
    private void steer(Active a) {
        SteeringStrategy s = a.strategy();
        int lanes = a.lanes();
        int n = batch.size;
        Frame[] frames = batch.frames;
        int full = 0;
        long cpu = CPU.getCurrentThreadCpuTime();
        batch.lane = -1;
        int fallbacks = SteeringCall.select(s, batch, lanes, lanesOut);
        for (int i = 0; i < n; i++) {
            Frame f = frames[i];
            if (!rings[lanesOut[i]].offer(f)) {
                f.release();
                full++;
            }
            frames[i] = null;
        }
        cpu = CPU.getCurrentThreadCpuTime() - cpu;
        batch.size = 0;
        for (int l = 0; l < lanes; l++) {
            if (rings[l].publish()) {
                runtime.lane(l).signal();
            }
        }
        if (cpu > selectNanos * n + SLACK_NANOS) {
            fallbacks = n;
            if (++slowBatches == Settings.SLOW_BATCHES) {
                runtime.tooSlow(s, cpu / n);
            }
        } else {
            slowBatches = 0;
        }
        if (fallbacks > 0) {
            counters.addFallbacks(fallbacks);
        }
        if (full > 0) {
            counters.addDrops(DropReason.LANE_FULL, full);
        }
    }
}
