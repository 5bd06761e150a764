package io.tapsteer.api.tap;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads or writes a batch of frames on a device's queues with one kernel crossing for the whole
 * batch, where a per-frame {@link TapQueue#read}/{@link TapQueue#write} costs one crossing per frame
 * (tun takes exactly one frame per read or write).
 *
 * <p>Use: stage up to {@link #capacity()} operations, {@link #submit()} them, then look at each
 * one's {@link #result}. The staged operations run in staging order, each on its own: a read that
 * finds the queue empty returns EAGAIN and the reads after it still run (a frame that arrived
 * meanwhile lands in a later slot, still in queue order), and a frame the kernel refuses does not
 * stop the frames after it. The frames' memory must stay untouched until {@code submit} returns;
 * after it returns every operation has finished.
 *
 * <p>One thread at a time: an instance is not thread-safe. Nothing is allocated per operation.
 */
@ProviderType
public interface BatchIo extends AutoCloseable {
    /** @return how many operations one batch may hold */
    int capacity();

    /** @return how many operations are staged for the next {@link #submit()} */
    int staged();

    /**
     * Stages reading one frame from a queue into {@code [offset, offset + length)} of a direct buffer.
     *
     * @throws IllegalStateException when {@link #capacity()} operations are staged already
     * @throws IndexOutOfBoundsException when the range does not fit the buffer
     */
    void read(TapQueue queue, ByteBuffer buffer, int offset, int length);

    /**
     * Stages writing one frame, {@code [offset, offset + length)} of a direct buffer, on a queue.
     *
     * @throws IllegalStateException when {@link #capacity()} operations are staged already
     * @throws IndexOutOfBoundsException when the range does not fit the buffer
     */
    void write(TapQueue queue, ByteBuffer buffer, int offset, int length);

    /** Drops the staged operations without running them. */
    void clear();

    /**
     * Runs the staged operations with one kernel crossing and waits until every one has finished.
     *
     * @return how many operations succeeded: a read when it read a frame, a write when it wrote the
     *         whole frame
     * @throws TapException when the kernel refused the batch as a whole (the queue fds stay usable)
     */
    int submit();

    /**
     * @param i an operation of the last {@link #submit()}, in staging order
     * @return bytes read or written, or a negative errno, for example {@code -11} (EAGAIN): nothing
     *         to read
     */
    int result(int i);

    /**
     * @param i an operation of the last {@link #submit()}
     * @return the exception the per-frame call would have thrown for this operation's result (same
     *         words), or null when it succeeded or a read found nothing to read
     */
    TapException error(int i);

    /** Releases the kernel resources; staged operations are dropped. Idempotent. */
    @Override
    void close();
}
