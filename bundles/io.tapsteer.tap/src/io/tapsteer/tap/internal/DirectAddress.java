package io.tapsteer.tap.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Remembers the native address of the last direct buffer seen, so that the per-frame path asks JNA
 * (which allocates a Pointer) only when the buffer changes. One instance per thread of use: pools
 * hand each poller one slab, so in steady state every call is a hit and nothing is allocated.
 */
public final class DirectAddress {
    private ByteBuffer last;
    private long address;

    /**
     * @param buffer a direct buffer
     * @return its base address
     * @throws IllegalArgumentException for a heap buffer
     */
    public long of(ByteBuffer buffer) {
        if (buffer != last) {
            if (!buffer.isDirect()) {
                throw new IllegalArgumentException("frames must be in direct memory (ByteBuffer.allocateDirect), not on the heap");
            }
            address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
            last = buffer;
        }
        return address;
    }

    /** Checks that [offset, offset+length) lies inside the buffer's capacity. */
    static void checkRange(ByteBuffer buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length) {
            throw new IndexOutOfBoundsException("frame [" + offset + ", " + offset + "+" + length
                    + ") does not fit a buffer of " + buffer.capacity() + " bytes");
        }
    }
}
