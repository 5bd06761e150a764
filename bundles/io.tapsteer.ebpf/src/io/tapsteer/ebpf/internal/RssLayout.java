package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.RssConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The RSS program's state as it sits in one element of the state map (little endian):
 * <pre>
 *   0  u32 hash types mask (HashType bits)
 *   4  u32 indirection table mask (size - 1)
 *   8  u32 unclassified queue
 *  12  u32 reserved
 *  16  u32 toeplitz[36][256]   contribution of byte value v at tuple position p: [p * 256 + v]
 * 36880 u16 table[4096]        queue per indirection slot
 * </pre>
 * The state map has two elements; the select map's single u32 says which one the program reads.
 * A new configuration is written into the idle element and then selected, so every frame sees
 * either the old or the new configuration whole, never a mix.
 */
public final class RssLayout {
    private RssLayout() {
    }

    /** Longest tuple: two IPv6 addresses and two ports. */
    public static final int MAX_TUPLE = 36;
    /** Offset of the hash types. */
    public static final int TYPES = 0;
    /** Offset of the table mask. */
    public static final int MASK = 4;
    /** Offset of the unclassified queue. */
    public static final int UNCLASSIFIED = 8;
    /** Offset of the per-byte Toeplitz tables. */
    public static final int TOEPLITZ = 16;
    /** Offset of the indirection table. */
    public static final int TABLE = TOEPLITZ + MAX_TUPLE * 256 * 4;
    /** Size of one state element. */
    public static final int SIZE = TABLE + RssConfig.MAX_TABLE * 2;

    /**
     * @param config the configuration
     * @param toeplitz the per-byte tables of its key, {@code [position * 256 + value]}, up to
     *        {@link #MAX_TUPLE} positions (missing positions are zero: no enabled type reaches them)
     * @return the state element's bytes
     */
    public static byte[] encode(RssConfig config, int[] toeplitz) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TYPES, config.hashTypes());
        b.putInt(MASK, config.tableSize() - 1);
        b.putInt(UNCLASSIFIED, config.unclassifiedQueue());
        int n = Math.min(toeplitz.length, MAX_TUPLE * 256);
        for (int i = 0; i < n; i++) {
            b.putInt(TOEPLITZ + 4 * i, toeplitz[i]);
        }
        for (int i = 0; i < config.tableSize(); i++) {
            b.putShort(TABLE + 2 * i, (short) config.slot(i));
        }
        return b.array();
    }

    /** @return the state element's contents as text (types, mask, unclassified, table) */
    public static String describe(byte[] state, int maxSlots) {
        ByteBuffer b = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
        int mask = b.getInt(MASK);
        StringBuilder s = new StringBuilder();
        s.append(String.format("types 0x%03x, table %d slots, unclassified %d, toeplitz[0][0x80] 0x%08x, table [",
                b.getInt(TYPES), mask + 1, b.getInt(UNCLASSIFIED), b.getInt(TOEPLITZ + 4 * 0x80)));
        int shown = Math.min(mask + 1, maxSlots);
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : " ").append(b.getShort(TABLE + 2 * i) & 0xffff);
        }
        return s.append(shown < mask + 1 ? " ...]" : "]").toString();
    }
}
