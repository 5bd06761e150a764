package io.tapsteer.rss;

import io.tapsteer.frame.NetworkOrder;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The Toeplitz hash of the Microsoft RSS specification (and of virtio-net RSS), computed with byte
 * tables precomputed when the key is set.
 *
 * <p>Toeplitz is linear over XOR: every set bit {@code j} of the input (bit 0 = the most significant
 * bit of the first byte) contributes the 32-bit window of the key that starts at key bit {@code j}.
 * So the contribution of a whole input byte depends only on its position and its value, and the
 * hash of a tuple is the XOR of one table entry per byte: {@code table[position * 256 + value]}.
 * That is {@code n} loads and XORs for an {@code n}-byte tuple instead of {@code 8n} conditional
 * XORs and shifts. The tables take {@code 1 KiB} per tuple byte (36 KiB for the 40-byte key; an
 * instance keeps them zero-padded to a power of two, 64 KiB, of which the hash touches the 36).
 * The kernel eBPF RSS program loads exactly {@link #byteTables} into an array map, so there is one
 * implementation of the arithmetic.
 *
 * <p>Immutable and thread-safe; hashing allocates nothing.
 */
public final class Toeplitz {
    private final byte[] key;
    private final int capacity;
    /** The tables, as constants of a class of their own where the JVM allows it (see {@link KeyTables}). */
    private final Lookups lookups;

    /** The arithmetic over one key's tables; {@link KeyTables} picks the implementation. */
    interface Lookups {
        /** @see Toeplitz#word(int, int) */
        int word(int word, int position);

        /** @see Toeplitz#hash(byte[], int, int) */
        int hash(byte[] tuple, int off, int len);
    }

    /**
     * @param key the Toeplitz key; it hashes tuples of up to {@code key.length - 4} bytes
     * @throws IllegalArgumentException when the key is shorter than 5 bytes
     */
    public Toeplitz(byte[] key) {
        if (key == null || key.length < 5) {
            throw new IllegalArgumentException("Toeplitz key of " + (key == null ? 0 : key.length)
                    + " bytes is too short: it must be at least 4 bytes longer than the tuple (40 bytes covers IPv6 + ports)");
        }
        this.key = key.clone();
        this.capacity = key.length - 4;
        this.lookups = KeyTables.of(this.key, capacity);
    }

    /**
     * {@link #byteTables} zero-padded to a power-of-two length. Every lookup is written
     * {@code t[index & (t.length - 1)]}: C2 proves such an index in bounds from the mask alone, so the
     * per-lookup range check (compare and branch) disappears. The mask never changes a value: every
     * index the hash forms is below {@code tupleBytes * 256}.
     */
    static int[] paddedTables(byte[] key, int tupleBytes) {
        int[] exact = byteTables(key, tupleBytes);
        return Arrays.copyOf(exact, Integer.highestOneBit(Math.max(1, exact.length - 1)) << 1);
    }

    /**
     * Precomputes the byte tables.
     *
     * @param key the key, at least {@code tupleBytes + 4} bytes
     * @param tupleBytes the longest tuple to hash
     * @return {@code tupleBytes * 256} entries: index {@code position * 256 + byteValue} holds the
     *         32-bit contribution of that byte value at that tuple position (the XOR of the key
     *         windows of its set bits)
     * @throws IllegalArgumentException when the key does not cover the tuple
     */
    public static int[] byteTables(byte[] key, int tupleBytes) {
        if (tupleBytes < 0 || key.length < tupleBytes + 4) {
            throw new IllegalArgumentException("a " + key.length + "-byte key covers tuples of up to "
                    + Math.max(0, key.length - 4) + " bytes, not " + tupleBytes + ": the key must be tuple + 4 bytes");
        }
        int[] t = new int[tupleBytes * 256];
        int[] window = new int[8];
        for (int p = 0; p < tupleBytes; p++) {
            long w = 0; // key bytes p .. p+7 (zero past the end), big endian
            for (int k = 0; k < 8; k++) {
                w = w << 8 | (p + k < key.length ? key[p + k] & 0xff : 0);
            }
            for (int bit = 0; bit < 8; bit++) { // bit 0 = the byte's most significant bit
                window[bit] = (int) ((w << bit) >>> 32);
            }
            int base = p * 256;
            for (int v = 1; v < 256; v++) {
                int low = Integer.numberOfTrailingZeros(v); // the lowest set bit is MSB-index 7 - low
                t[base + v] = t[base + (v & (v - 1))] ^ window[7 - low];
            }
        }
        return t;
    }

    /** @return the longest tuple this key hashes, {@code key length - 4} */
    public int capacity() {
        return capacity;
    }

    /**
     * @return the key length and where the tables live: "constants" when the JIT sees them as
     *         constants of a class of their own (the fast form), "a field" otherwise
     */
    @Override
    public String toString() {
        return "Toeplitz[" + key.length + "-byte key, tables as " + (lookups.getClass().isHidden() ? "constants" : "a field") + "]";
    }

    /** @return a copy of the key */
    public byte[] key() {
        return key.clone();
    }

    /**
     * @param tuple the hash input (for RSS: source address, destination address, source port,
     *        destination port, all in network byte order)
     * @param off where it starts
     * @param len its length, at most {@link #capacity()}
     * @return the 32-bit Toeplitz hash
     */
    public int hash(byte[] tuple, int off, int len) {
        if (len > capacity) {
            throw new IllegalArgumentException("tuple of " + len + " bytes is longer than the key covers ("
                    + capacity + " bytes)");
        }
        return lookups.hash(tuple, off, len);
    }

    /**
     * The byte-table hash over padded tables {@code t}: one lookup per tuple byte. The two RSS tuples
     * with ports get straight-line code: constant positions fold into the lookups and the lookups of
     * one tuple are independent, so they overlap (a loop keeps a counter and a variable shift per
     * byte and is about twice as slow); it is split into small methods so that each stays small
     * enough for the JIT to inline into the caller. Indexes are sums, not ORs: the JIT folds a
     * constant summand into the load's address.
     */
    static int hash(int[] t, byte[] tuple, int off, int len) {
        int m = t.length - 1;
        if (len == 12) {
            return words3(t, m, tuple, off, 0);
        }
        if (len == 36) {
            return words3(t, m, tuple, off, 0) ^ words3(t, m, tuple, off + 12, 12) ^ words3(t, m, tuple, off + 24, 24);
        }
        int h = 0;
        for (int i = 0; i < len; i++) {
            h ^= t[((i << 8) + (tuple[off + i] & 0xff)) & m];
        }
        return h;
    }

    /**
     * Contribution of the 12 bytes at {@code o}, sitting at tuple position {@code p}: one chain of
     * XORs in tuple order, the form that C2 schedules best (each byte's load next to its lookup).
     */
    private static int words3(int[] t, int m, byte[] b, int o, int p) {
        int k = p << 8;
        int h = t[(k + (b[o] & 0xff)) & m];
        h ^= t[(k + 256 + (b[o + 1] & 0xff)) & m];
        h ^= t[(k + 512 + (b[o + 2] & 0xff)) & m];
        h ^= t[(k + 768 + (b[o + 3] & 0xff)) & m];
        h ^= t[(k + 1024 + (b[o + 4] & 0xff)) & m];
        h ^= t[(k + 1280 + (b[o + 5] & 0xff)) & m];
        h ^= t[(k + 1536 + (b[o + 6] & 0xff)) & m];
        h ^= t[(k + 1792 + (b[o + 7] & 0xff)) & m];
        h ^= t[(k + 2048 + (b[o + 8] & 0xff)) & m];
        h ^= t[(k + 2304 + (b[o + 9] & 0xff)) & m];
        h ^= t[(k + 2560 + (b[o + 10] & 0xff)) & m];
        return h ^ t[(k + 2816 + (b[o + 11] & 0xff)) & m];
    }

    /**
     * Contribution of one 32-bit word of the tuple: the hash of a tuple is the XOR of its words'
     * contributions. Frames are read a word at a time (one buffer access instead of four), and the
     * RSS tuple fields (addresses, the two ports together) are all whole words.
     *
     * @param word four tuple bytes, the first in the most significant byte (network order)
     * @param position where the word sits in the tuple; {@code position + 4 <= capacity()} (unchecked:
     *        the engine passes constant positions its key was validated for)
     * @return the word's contribution
     */
    int word(int word, int position) {
        return lookups.word(word, position);
    }

    /** {@link #word(int, int)} over padded tables {@code t}. */
    static int word(int[] t, int word, int position) {
        int m = t.length - 1;
        int k = position << 8;
        return t[(k + (word >>> 24)) & m] ^ t[(k + 256 + (word >>> 16 & 0xff)) & m]
                ^ t[(k + 512 + (word >>> 8 & 0xff)) & m] ^ t[(k + 768 + (word & 0xff)) & m];
    }

    /**
     * Hashes part of a tuple straight from a buffer: XOR the results of the parts (addresses, then
     * ports) to get the hash of the whole tuple without copying it together. Allocation-free; the
     * buffer's position is not used, and the bytes are taken in their order in the buffer whatever
     * its {@code order()} (read 8 and 4 at a time, in network order).
     *
     * @param b the buffer
     * @param off where the part starts in {@code b}
     * @param len the part's length
     * @param position where the part sits in the tuple; {@code position + len <= capacity()}
     * @return the part's contribution
     * @throws IllegalArgumentException when the part does not fit in the tuple the key covers
     */
    public int hash(ByteBuffer b, int off, int len, int position) {
        if (position < 0 || len < 0 || position > capacity - len) {
            throw new IllegalArgumentException("part of " + len + " bytes at tuple position " + position
                    + " lies outside the " + capacity + "-byte tuple the key covers");
        }
        int h = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) { // 8 bytes per buffer access: IPv6 addresses are two of them
            long w = NetworkOrder.u64(b, off + i);
            h ^= word((int) (w >>> 32), position + i) ^ word((int) w, position + i + 4);
        }
        if (i + 4 <= len) {
            h ^= word(NetworkOrder.u32(b, off + i), position + i);
            i += 4;
        }
        for (; i < len; i++) { // a byte past the last whole word: a word whose other bytes are 0, and a
            h ^= word((b.get(off + i) & 0xff) << 24, position + i); // 0 byte adds 0 at any position
        }
        return h;
    }

    /**
     * The textbook bit-by-bit Toeplitz loop, kept as the reference the tables are checked against
     * and as the baseline of the benchmark.
     */
    public static int hashBitwise(byte[] key, byte[] tuple, int off, int len) {
        if (key.length < len + 4) {
            throw new IllegalArgumentException("key of " + key.length + " bytes does not cover a " + len + "-byte tuple");
        }
        int h = 0;
        int window = (key[0] & 0xff) << 24 | (key[1] & 0xff) << 16 | (key[2] & 0xff) << 8 | key[3] & 0xff;
        for (int i = 0; i < len; i++) {
            int next = key[i + 4] & 0xff;
            for (int bit = 7; bit >= 0; bit--) {
                if ((tuple[off + i] >>> bit & 1) != 0) {
                    h ^= window;
                }
                window = window << 1 | (next >>> bit & 1);
            }
        }
        return h;
    }
}
