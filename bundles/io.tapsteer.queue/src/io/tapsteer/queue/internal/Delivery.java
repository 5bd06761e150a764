package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DropReason;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Hands one batch to a lane's handlers, counts it once, and releases the pipeline's references. */
final class Delivery {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    private static volatile long lastLog;

    private Delivery() {
    }

    /**
     * @param handlers the lane's handlers
     * @param batch the batch, emptied afterwards
     * @param counters the lane's counters (the caller is their only writer)
     */
    static void deliver(FrameHandler[] handlers, LaneBatch batch, Counters counters) {
        int n = batch.size;
        if (n == 0) {
            return;
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += batch.frames[i].length();
        }
        boolean failed = false;
        for (FrameHandler h : handlers) {
            try {
                h.onBatch(batch);
            } catch (Throwable t) { // a handler must not kill a lane: count and carry on
                failed = true;
                logRarely(h, t);
            }
        }
        if (failed) {
            counters.addDrops(DropReason.HANDLER_ERROR, n);
        } else {
            counters.addRxBatch(n, bytes);
        }
        batch.releaseAll();
    }

    private static void logRarely(FrameHandler h, Throwable t) {
        long now = System.nanoTime();
        if (now - lastLog > 1_000_000_000L) {
            lastLog = now;
            LOG.log(Level.WARNING, "tapsteer: frame handler " + h.getClass().getName() + " threw; its batch is counted as handler-error drops", t);
        }
    }
}
