package io.tapsteer.api.tap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Blocks a poller thread until its queue has frames (epoll), without spinning, and can be woken from
 * any thread (an eventfd) for shutdown or reconfiguration. Owned by one thread; {@link #wakeup()}
 * may be called from any thread.
 */
@ProviderType
public interface QueueWaiter extends AutoCloseable {
    /**
     * @param timeoutMillis most time to wait, -1 for no limit
     * @return true when the queue is readable, false on time-out or wake-up
     */
    boolean await(int timeoutMillis);

    /** Makes the current or next {@link #await(int)} return at once. */
    void wakeup();

    /** Closes the epoll and eventfd descriptors; idempotent. */
    @Override
    void close();
}
