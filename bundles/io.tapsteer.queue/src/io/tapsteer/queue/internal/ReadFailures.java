package io.tapsteer.queue.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a poller reports reads that keep failing for a reason other than a vanished device: the first
 * failure of a streak with its stack trace, then one line per interval with the count, and one line
 * when reads work again. A failing queue is retried without flooding the log. Poller thread only.
 */
final class ReadFailures {
    private static final Logger LOG = Logger.getLogger(Poller.class.getName());
    private static final long INTERVAL_NANOS = 10_000_000_000L;
    private long streak;
    private long reportedAt;

    /** A read failed: the poller retries after a pause. */
    void failed(RuntimeException e) {
        long now = System.nanoTime();
        String poller = Thread.currentThread().getName();
        if (streak++ == 0) {
            LOG.log(Level.WARNING, "tapsteer: poller " + poller + " read failed, retrying: " + e.getMessage(), e);
            reportedAt = now;
        } else if (now - reportedAt >= INTERVAL_NANOS) {
            LOG.warning("tapsteer: poller " + poller + " still fails to read (" + streak + " times): " + e.getMessage());
            reportedAt = now;
        }
    }

    /** A read worked: ends a streak. Nothing to do in the common case. */
    void succeeded() {
        if (streak != 0) {
            LOG.info("tapsteer: poller " + Thread.currentThread().getName() + " reads again after " + streak + " failed reads");
            streak = 0;
        }
    }
}
