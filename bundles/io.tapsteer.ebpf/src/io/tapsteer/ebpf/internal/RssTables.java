package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.RssConfig;

/**
 * The per-byte Toeplitz tables the RSS program reads, for every tuple position the key covers.
 */
final class RssTables {
    private RssTables() {
    }

    /** @return {@code [position * 256 + value]} for up to {@link RssLayout#MAX_TUPLE} positions */
    static int[] of(RssConfig config) {
        byte[] key = config.key();
        int positions = Math.max(0, Math.min(RssLayout.MAX_TUPLE, key.length - 4));
        return byteTables(key, positions);
    }

    // Interim copy until io.tapsteer.rss.Toeplitz.byteTables is on main.
    static int[] byteTables(byte[] key, int positions) {
        int[] t = new int[positions * 256];
        for (int p = 0; p < positions; p++) {
            for (int bit = 0; bit < 8; bit++) {
                int window = window(key, p * 8 + bit);
                int mask = 0x80 >>> bit;
                for (int v = 0; v < 256; v++) {
                    if ((v & mask) != 0) {
                        t[p * 256 + v] ^= window;
                    }
                }
            }
        }
        return t;
    }

    private static int window(byte[] key, int bitOffset) {
        long w = 0;
        int first = bitOffset / 8;
        for (int i = 0; i < 5; i++) {
            w = w << 8 | (first + i < key.length ? key[first + i] & 0xff : 0);
        }
        return (int) (w >>> (8 - bitOffset % 8));
    }
}
