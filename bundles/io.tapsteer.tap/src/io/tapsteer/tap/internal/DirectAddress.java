package io.tapsteer.tap.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Remembers the native address of the last direct buffer seen, so that the per-frame path asks JNA
 * (which allocates a Pointer) only when the buffer changes. The remembered pair is one immutable
 * object behind a plain field: any number of threads may share an instance without a lock, and a
 * racing update only costs a second look-up. Pools hand each poller one slab, so in steady state
 * every call is a hit and nothing is allocated.
 */
public final class DirectAddress {
    private record Known(ByteBuffer buffer, long address) {
    }

    private Known known = new Known(null, 0);

    /**
     * @param buffer a direct buffer
     * @return its base address
     * @throws IllegalArgumentException for a heap buffer
     */
    public long of(ByteBuffer buffer) {
        Known k = known;
        if (k.buffer == buffer) {
            return k.address;
        }
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("frames must be in direct memory (ByteBuffer.allocateDirect), not on the heap");
        }
        k = new Known(buffer, Pointer.nativeValue(Native.getDirectBufferPointer(buffer)));
        known = k; // final fields of the record make the pair safe to publish through a plain field
        return k.address;
    }

    /** Checks that [offset, offset+length) lies inside the buffer's capacity. */
    static void checkRange(ByteBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length) {
            throw new IndexOutOfBoundsException("frame [" + offset + ", " + offset + "+" + length
                    + ") does not fit a buffer of " + buffer.capacity() + " bytes");
        }
    }
}
