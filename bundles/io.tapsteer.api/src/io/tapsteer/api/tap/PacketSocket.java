package io.tapsteer.api.tap;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An AF_PACKET socket bound to one device. Frames sent on it go through the device's transmit path:
 * for a tap, through queue selection (steering eBPF or automq) into the queues. The lab loop's source.
 */
@ProviderType
public interface PacketSocket extends AutoCloseable {
    /** Most frames one {@link #sendBatch} call hands to sendmmsg. */
    int MAX_BATCH = 64;

    /** @return the device name the socket is bound to */
    String deviceName();

    /**
     * Sends one frame.
     *
     * @return true when sent, false when the socket would block
     */
    boolean send(ByteBuffer buffer, int offset, int length);

    /**
     * Sends up to {@link #MAX_BATCH} frames with one sendmmsg call.
     *
     * @param buffer a direct buffer holding the frames
     * @param offsets start of each frame
     * @param lengths length of each frame
     * @param count how many frames
     * @return how many were sent (0 when the socket would block)
     */
    int sendBatch(ByteBuffer buffer, int[] offsets, int[] lengths, int count);

    /**
     * Receives one frame seen on the device (both directions).
     *
     * @return the frame length, or 0 when none is waiting
     */
    int receive(ByteBuffer buffer, int offset, int capacity);

    /** Closes the socket; idempotent. */
    @Override
    void close();
}
