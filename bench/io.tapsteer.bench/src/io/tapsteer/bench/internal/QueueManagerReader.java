package io.tapsteer.bench.internal;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.queue.DeviceQueueManager;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tapsteer's full RX path as a reader: the queue manager (one epoll poller per queue, pooled direct
 * buffers, batches of up to 64, lanes, counters) delivering to a handler that does nothing but note
 * the time of each batch, run without OSGi around it ({@link DeviceQueueManager}).
 */
public final class QueueManagerReader implements FrameHandler {
    private final DeviceQueueManager runtime;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();
    private boolean stopped;
    private RxResult result;

    private final FrameHandler next;

    /** Starts the queue manager on every attached queue of {@code device} with strategy automq. */
    public QueueManagerReader(TapDevice device) {
        this(device, null);
    }

    /**
     * As {@link #QueueManagerReader(TapDevice)}, each batch also handed to {@code next} after it is
     * counted (for example a capture).
     */
    public QueueManagerReader(TapDevice device, FrameHandler next) {
        this.next = next;
        runtime = DeviceQueueManager.start(device, "automq", this);
    }

    /** @return the running queue manager */
    public DeviceQueueManager runtime() {
        return runtime;
    }

    @Override
    public void onBatch(FrameBatch batch) {
        long t = System.nanoTime(); // once per batch, as the C reader does: no per-frame cost
        first.compareAndSet(0, t);
        last.accumulateAndGet(t, Math::max);
        frames.addAndGet(batch.size());
        if (next != null) {
            next.onBatch(batch);
        }
    }

    /** @return frames the pollers read so far (queue counters) */
    public long total() {
        long n = 0;
        for (CounterSnapshot s : runtime.queueCounters()) {
            n += s.rxPackets();
        }
        return n;
    }

    /** Stops the queue manager (idempotent) and returns what the handler saw. */
    public RxResult stop() {
        if (!stopped) {
            stopped = true;
            runtime.close(); // delivers what the pollers queued, joins every thread
            long n = frames.get();
            result = new RxResult(n, n > 0 ? last.get() - first.get() : 0);
        }
        return result;
    }
}
