package io.tapsteer.api.tap;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One queue of a tap: one file descriptor, non-blocking. Reads and writes go straight between the
 * kernel and direct memory; no Java heap copy. Not thread-safe for concurrent reads: one poller
 * owns a queue's reads, though writes from another thread are allowed by the kernel.
 */
@ProviderType
public interface TapQueue {
    /** @return the device this queue belongs to */
    TapDevice device();

    /** @return a stable identifier, unique in the device, in creation order (not the kernel index) */
    int id();

    /** @return the queue's file descriptor, -1 once closed */
    int fd();

    /**
     * @return the kernel's index of this queue (the tfile->queue_index), -1 while detached. It
     *         changes when another queue is detached: the last queue takes the freed index.
     */
    int index();

    /** @return whether the queue is attached (receives frames) */
    boolean isAttached();

    /** @return whether the queue has been closed */
    boolean isClosed();

    /**
     * Reads one frame (vnet header included, if the device has one).
     *
     * @param buffer a direct buffer
     * @param offset where the frame starts in the buffer
     * @param capacity how many bytes may be written
     * @return the frame length, or 0 when no frame is waiting
     * @throws TapException when the device is gone or the fd is closed
     */
    int read(ByteBuffer buffer, int offset, int capacity);

    /**
     * Writes one frame (vnet header first, if the device has one) into the kernel.
     *
     * @param buffer a direct buffer
     * @param offset where the frame starts
     * @param length its length
     * @return the bytes written, or 0 when the kernel would block
     * @throws TapException on a malformed frame (EINVAL), a closed fd or a vanished device
     */
    int write(ByteBuffer buffer, int offset, int length);

    /** @return a new waiter that blocks until this queue is readable or is woken up */
    QueueWaiter newWaiter();
}
