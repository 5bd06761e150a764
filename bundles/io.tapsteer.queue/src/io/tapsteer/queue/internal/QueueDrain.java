package io.tapsteer.queue.internal;

import io.tapsteer.api.tap.QueueWaiter;
import java.util.logging.Logger;

/**
 * Waits until a queue the kernel no longer steers to has been read empty, so that detaching it
 * loses nothing: the queue must stay unreadable (its ring empty, as epoll sees it) for
 * {@link #QUIET_MILLIS} in a row, which covers a frame the kernel was putting there as the steering
 * changed. A poller held up by its handler delays the detach, for at most {@link #LIMIT_MILLIS}.
 */
final class QueueDrain {
    private static final Logger LOG = Logger.getLogger(QueueDrain.class.getName());
    /** How long a queue must stay empty to count as drained: far above one kernel enqueue. */
    static final int QUIET_MILLIS = 5;
    /** How long a detach may wait for its queue to drain. */
    static final int LIMIT_MILLIS = 2_000;

    private QueueDrain() {
    }

    /** @return whether the queue was read empty within the limit (when not, a warning says so) */
    static boolean await(Poller p, String device) {
        long start = System.nanoTime();
        try (QueueWaiter w = p.queue.newWaiter()) {
            int quiet = 0;
            while (quiet < QUIET_MILLIS) {
                if ((System.nanoTime() - start) / 1_000_000L >= LIMIT_MILLIS) {
                    LOG.warning("tapsteer: " + device + ": queue " + p.queue.id() + " still held frames after "
                            + LIMIT_MILLIS + " ms (its handler is slow): the kernel drops them as it detaches");
                    return false;
                }
                quiet = w.await(0) ? 0 : quiet + 1;
                Thread.sleep(1);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
