package io.tapsteer.api.steering;

import java.util.List;

/**
 * The ConfigAdmin PID and keys of the "rss" strategy's configuration: what {@code rss:set}, the GUI's
 * RSS editor and a {@code conf/io.tapsteer.rss.cfg} file write. Every value is text in ethtool's
 * conventions except {@link #UNCLASSIFIED_QUEUE}; the strategy's metatype describes each key.
 */
public final class RssStrategyConfig {
    /** The ConfigAdmin PID. */
    public static final String PID = "io.tapsteer.rss";
    /** Toeplitz key, hex bytes (String). */
    public static final String KEY = "key";
    /** Hash types, comma-separated, or all, or none (String). */
    public static final String HASH_TYPES = "hashTypes";
    /** Indirection table as ethtool -X takes it (String). */
    public static final String TABLE = "table";
    /** Queue for frames no enabled hash type covers (Integer). */
    public static final String UNCLASSIFIED_QUEUE = "unclassifiedQueue";

    /** Every key, in the order the metatype lists them. */
    public static final List<String> KEYS = List.of(KEY, HASH_TYPES, TABLE, UNCLASSIFIED_QUEUE);

    private RssStrategyConfig() {
    }
}
