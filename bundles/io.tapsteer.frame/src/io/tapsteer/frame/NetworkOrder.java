package io.tapsteer.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads of frame fields in network byte order at absolute indexes, whatever {@code order()} the
 * caller gave the buffer. Each multi-byte field is one buffer access (every access checks its index
 * and the buffer's state); position and limit are untouched.
 */
public final class NetworkOrder {
    private NetworkOrder() {
    }

    /** @return the unsigned byte at {@code i} */
    public static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xff;
    }

    /** @return the unsigned 16-bit field at {@code i} */
    public static int u16(ByteBuffer b, int i) {
        short v = b.getShort(i);
        return (b.order() == ByteOrder.BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xffff;
    }

    /** @return the 32-bit field at {@code i} */
    public static int u32(ByteBuffer b, int i) {
        int v = b.getInt(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    /** @return the 64-bit field at {@code i} */
    public static long u64(ByteBuffer b, int i) {
        long v = b.getLong(i);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }
}
