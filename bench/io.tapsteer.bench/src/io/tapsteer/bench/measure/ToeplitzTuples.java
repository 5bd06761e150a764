package io.tapsteer.bench.measure;

import java.util.Random;

/**
 * The tuples every Toeplitz measurement hashes (random, fixed seed per size, {@value #TUPLES} of
 * them: they stay in cache, so a figure is the hash, not memory) and the specification's
 * bit-by-bit hash that checks every implementation's results. Shared by the bench harness and the
 * JMH benchmarks, so both time the same work.
 */
public final class ToeplitzTuples {
    /** Tuples per pass. */
    public static final int TUPLES = 4096;

    private ToeplitzTuples() {
    }

    /** @return {@value #TUPLES} tuples of {@code length} bytes each, the same on every call */
    public static byte[] tuples(int length) {
        byte[] t = new byte[TUPLES * length];
        new Random(length).nextBytes(t);
        return t;
    }

    /**
     * The specification's bit-by-bit loop: for each set input bit, XOR the 32-bit key window at it.
     *
     * @return the hash of {@code length} bytes of {@code data} from {@code offset}
     */
    public static int reference(byte[] key, byte[] data, int offset, int length) {
        int hash = 0;
        long window = (key[0] & 0xffL) << 24 | (key[1] & 0xffL) << 16 | (key[2] & 0xffL) << 8 | (key[3] & 0xffL);
        for (int i = 0; i < length; i++) {
            int nextKeyByte = i + 4 < key.length ? key[i + 4] & 0xff : 0;
            int in = data[offset + i];
            for (int bit = 7; bit >= 0; bit--) {
                hash ^= (int) window & -(in >> bit & 1); // branch-free: random input bits defeat prediction
                window = (window << 1 | (nextKeyByte >> bit & 1)) & 0xffffffffL;
            }
        }
        return hash;
    }
}
