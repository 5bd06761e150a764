package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.QueueWaiter;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tapsteer's tap-native read path as a reader: one thread per queue blocking in its epoll
 * {@link QueueWaiter}, draining up to 64 frames per wake-up with {@link TapQueue#read} into direct
 * memory — the same loop as the C reader, so the pair compares the binding, not the algorithm.
 */
public final class TapQueueReader {
    private static final int BUDGET = 64;
    private final List<Poller> pollers = new ArrayList<>();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean stop;

    /** Starts one poller thread per queue. */
    public TapQueueReader(List<TapQueue> queues) {
        for (TapQueue q : queues) {
            Poller p = new Poller(q);
            pollers.add(p);
            p.thread.start();
        }
    }

    /** @return frames read so far, all queues */
    public long total() {
        return total.get();
    }

    /** Stops the pollers (idempotent) and returns what they measured. */
    public RxResult stop() {
        stop = true;
        long frames = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (Poller p : pollers) {
            p.waiter.wakeup();
            try {
                p.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.waiter.close();
            frames += p.frames;
            if (p.frames > 0) {
                first = Math.min(first, p.first);
                last = Math.max(last, p.last);
            }
        }
        return new RxResult(frames, frames > 0 ? last - first : 0);
    }

    private final class Poller implements Runnable {
        final TapQueue queue;
        final QueueWaiter waiter;
        final Thread thread;
        long frames;
        long first;
        long last;

        Poller(TapQueue queue) {
            this.queue = queue;
            this.waiter = queue.newWaiter();
            this.thread = new Thread(this, "tapsteer-bench-q" + queue.index());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            while (!stop) {
                if (!waiter.await(5)) {
                    continue;
                }
                int n = 0;
                while (n < BUDGET && queue.read(buf, 0, 2048) > 0) {
                    n++;
                }
                if (n > 0) {
                    long t = System.nanoTime();
                    if (frames == 0) {
                        first = t;
                    }
                    last = t;
                    frames += n;
                    total.addAndGet(n);
                }
            }
        }
    }
}
