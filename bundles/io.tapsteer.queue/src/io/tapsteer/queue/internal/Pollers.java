package io.tapsteer.queue.internal;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The pollers of one device, by queue id, and the queue changes that start and stop them: add,
 * detach, attach, and swapping a queue's pool for memory a consumer supplies. Used under the
 * runtime's control lock only; the runtime re-spreads the lanes after each change.
 */
final class Pollers {
    private final DeviceRuntime runtime;
    private final TapDevice device;
    private final Settings settings;
    private final int slotBytes;
    private final Map<Integer, Poller> byId = new TreeMap<>();

    Pollers(DeviceRuntime runtime, TapDevice device, Settings settings, int slotBytes) {
        this.runtime = runtime;
        this.device = device;
        this.settings = settings;
        this.slotBytes = slotBytes;
    }

    /** Makes (does not start) a poller for a queue. */
    Poller open(TapQueue q) {
        Poller p = new Poller(runtime, q, settings, slotBytes);
        byId.put(q.id(), p);
        return p;
    }

    /** @return every poller, attached or not, in queue id order */
    List<Poller> all() {
        return new ArrayList<>(byId.values());
    }

    Poller get(int queueId) {
        Poller p = byId.get(queueId);
        if (p == null) {
            throw new IllegalArgumentException("no queue " + queueId + " on " + device.name() + ": queues are " + byId.keySet());
        }
        return p;
    }

    /** Opens a new queue and starts its poller. */
    TapQueue add() {
        TapQueue q = device.addQueue();
        open(q).start();
        return q;
    }

    /** Detaches a queue; its poller hands on what it read and stops; the lanes forget its rings. */
    void detach(int queueId, Lane[] lanes) {
        Poller p = detachable(queueId);
        device.detach(p.queue);
        p.stop();
        for (Lane l : lanes) {
            l.removeRingsOf(p);
        }
        p.forgetRings();
    }

    /**
     * @return the poller of a queue that may detach
     * @throws IllegalArgumentException for an unknown or detached queue, or the last attached one
     */
    Poller detachable(int queueId) {
        Poller p = get(queueId);
        if (!p.queue.isAttached()) {
            throw new IllegalArgumentException("queue " + queueId + " of " + device.name() + " is already detached");
        }
        if (device.attachedQueues() == 1) {
            throw new IllegalArgumentException("queue " + queueId + " is the last attached queue of " + device.name() + ": keep at least one");
        }
        return p;
    }

    /** Re-attaches a queue and restarts its poller. */
    void attach(int queueId) {
        Poller p = get(queueId);
        if (p.queue.isAttached()) {
            throw new IllegalArgumentException("queue " + queueId + " of " + device.name() + " is already attached");
        }
        device.attach(p.queue);
        p.start();
    }

    /** @return bytes one queue's pool takes */
    long memoryPerQueue() {
        return (long) (settings.poolFrames() + 1) * slotBytes;
    }

    /** Pauses a queue's poller until its old pool is whole, then resumes it on the supplied memory. */
    void supply(int queueId, ByteBuffer memory) {
        Poller p = get(queueId);
        Slab next = new Slab(settings.poolFrames(), slotBytes, memory); // validates before anything stops
        boolean wasRunning = p.isRunning();
        p.stop();
        long until = System.nanoTime() + 2_000_000_000L;
        while (p.freeFrames() < p.poolFrames() && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(1_000_000L);
        }
        try {
            if (p.freeFrames() < p.poolFrames()) {
                throw new IllegalStateException((p.poolFrames() - p.freeFrames()) + " frames of queue " + queueId
                        + "'s pool are still held by handlers: release them, then supply memory again");
            }
            p.useSlab(next);
        } finally {
            if (wasRunning) {
                p.start();
            }
        }
    }

    /** @return pooled frames not back in their pools */
    int framesOutstanding() {
        int n = 0;
        for (Poller p : byId.values()) {
            n += p.poolFrames() - p.freeFrames();
        }
        return n;
    }
}
