package io.tapsteer.queue.internal;

import io.tapsteer.api.stats.Counters;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A user-space lane (thread {@code tapsteer-<dev>-lane<n>}): takes the frames pollers queued for it,
 * one ring (one poller) at a time, delivers them as a batch to the lane's handlers and marks them
 * delivered. Parks when every ring is empty; a poller unparks it after publishing.
 */
final class Lane implements Runnable {
    final int index;
    final Counters counters;
    private final DeviceRuntime runtime;
    private final LaneBatch batch;
    private volatile LaneRing[] rings = new LaneRing[0];
    private volatile boolean sleeping;
    private volatile boolean running = true;
    private final Thread thread;

    Lane(DeviceRuntime runtime, int index, int budget) {
        this.runtime = runtime;
        this.index = index;
        this.counters = new Counters("lane", index);
        this.batch = new LaneBatch(runtime.device(), budget);
        this.batch.lane = index;
        String name = "tapsteer-" + runtime.device().name() + "-lane" + index;
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return the thread's id */
    long threadId() {
        return thread.getId();
    }

    synchronized void addRing(LaneRing ring) {
        LaneRing[] r = Arrays.copyOf(rings, rings.length + 1);
        r[r.length - 1] = ring;
        rings = r;
    }

    /** Forgets the rings of a poller that stopped (they are drained). */
    synchronized void removeRingsOf(Poller p) {
        rings = Arrays.stream(rings).filter(r -> r.producer() != p).toArray(LaneRing[]::new);
    }

    /** Called by a poller after publishing frames for this lane. */
    void signal() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops after delivering what is queued, and waits for the thread. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        int budget = batch.frames.length;
        while (true) {
            boolean any = false;
            for (LaneRing r : rings) {
                int n = r.peek(batch.frames, budget);
                if (n > 0) {
                    batch.size = n;
                    Delivery.deliver(runtime.handlers().forLane(index), batch, counters);
                    r.done(n);
                    any = true;
                }
            }
            if (any) {
                continue;
            }
            if (!running) {
                return;
            }
            sleeping = true; // then look once more: a poller publishes, then reads this flag
            if (!waiting()) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    private boolean waiting() {
        for (LaneRing r : rings) {
            if (r.available() > 0) {
                return true;
            }
        }
        return false;
    }
}
