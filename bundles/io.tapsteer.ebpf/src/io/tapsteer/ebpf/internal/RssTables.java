package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.Toeplitz;

/**
 * The per-byte Toeplitz tables the RSS program reads, from the rss bundle's {@link Toeplitz} (one
 * Toeplitz implementation in the project), for every tuple position the key covers.
 */
final class RssTables {
    private RssTables() {
    }

    /** @return {@code [position * 256 + value]} for up to {@link RssLayout#MAX_TUPLE} positions */
    static int[] of(RssConfig config) {
        byte[] key = config.key();
        int positions = Math.max(0, Math.min(RssLayout.MAX_TUPLE, key.length - 4));
        // a key too short for any tuple comes only with no hash type enabled: nothing is hashed
        return positions == 0 ? new int[0] : Toeplitz.byteTables(key, positions);
    }
}
