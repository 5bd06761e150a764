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

    /** Default of {@link #KEY}: {@link RssConfig#DEFAULT_KEY} as ethtool prints it. */
    public static final String DEFAULT_KEY =
            "6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0:d0:ca:2b:cb:ae:7b:30:b4:77:cb:2d:a3:80:30:f2:0c:6a:42:b7:3b:be:ac:01:fa";
    /** Default of {@link #HASH_TYPES}: every type. */
    public static final String DEFAULT_HASH_TYPES = "all";
    /** Default of {@link #TABLE}: 128 slots spread evenly over the device's queues. */
    public static final String DEFAULT_TABLE = "default";
    /** Default of {@link #UNCLASSIFIED_QUEUE}. */
    public static final int DEFAULT_UNCLASSIFIED_QUEUE = 0;

    /** Every key, in the order the metatype lists them. */
    public static final List<String> KEYS = List.of(KEY, HASH_TYPES, TABLE, UNCLASSIFIED_QUEUE);

    private RssStrategyConfig() {
    }
}
