package io.tapsteer.rss;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.RssStrategyConfig;

/**
 * RSS as a user configures it, before a queue count is known: key, hash types, table
 * ({@link TableSpec}) and unclassified queue. {@link #configFor(int)} makes the {@link RssConfig}
 * for a device: a default table is spread over its queues, a user table must fit them.
 *
 * @param key the Toeplitz key
 * @param hashTypes the enabled hash types mask
 * @param table the table description
 * @param unclassifiedQueue the queue for frames no enabled type covers
 */
public record RssSettings(byte[] key, int hashTypes, TableSpec table, int unclassifiedQueue) {
    /**
     * @return the defaults of the "rss" configuration ({@link RssStrategyConfig}): the default key,
     *         every hash type, the default 128-slot table, unclassified queue 0
     */
    public static RssSettings defaults() {
        return parse(RssStrategyConfig.DEFAULT_KEY, RssStrategyConfig.DEFAULT_HASH_TYPES, RssStrategyConfig.DEFAULT_TABLE,
                RssStrategyConfig.DEFAULT_UNCLASSIFIED_QUEUE);
    }

    /**
     * Parses and checks text settings (key, hash types, table length, unclassified queue) as far
     * as they can be checked without knowing the queue count.
     *
     * @param key colon-separated hex ({@link EthtoolText#parseKey})
     * @param hashTypes labels ({@link EthtoolText#parseHashTypes})
     * @param table a {@link TableSpec} text
     * @param unclassifiedQueue 0 or more
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static RssSettings parse(String key, String hashTypes, String table, int unclassifiedQueue) {
        RssSettings s = new RssSettings(EthtoolText.parseKey(key), EthtoolText.parseHashTypes(hashTypes),
                TableSpec.parse(table), unclassifiedQueue);
        int queues = Math.max(unclassifiedQueue + 1, Math.max(1, s.table.queuesNeeded()));
        s.configFor(queues); // key length, table size, unclassified range
        return s;
    }

    /**
     * @param queues the device's queues, at least 1
     * @return the configuration for them
     * @throws IllegalArgumentException when the user table or the unclassified queue does not fit
     */
    public RssConfig configFor(int queues) {
        if (queues < 1) {
            throw new IllegalArgumentException("queues " + queues + ": a device has at least 1 queue");
        }
        if (table.user() && table.queuesNeeded() > queues) {
            throw new IllegalArgumentException("the indirection table '" + table + "' uses queues " + table.start() + " to "
                    + (table.queuesNeeded() - 1) + " but the device has " + queues + " queue(s): set a table that fits"
                    + " (for example 'equal " + queues + "' or 'default') first");
        }
        if (unclassifiedQueue >= queues) {
            throw new IllegalArgumentException("unclassified queue " + unclassifiedQueue + " but the device has " + queues
                    + " queue(s): use 0 to " + (queues - 1));
        }
        RssConfig c = new RssConfig(key, hashTypes, table.build(queues), unclassifiedQueue, table.user());
        c.validateFor(queues);
        return c;
    }

    @Override
    public String toString() {
        return "key " + EthtoolText.formatKey(key) + ", types " + EthtoolText.formatHashTypes(hashTypes) + ", table "
                + table + ", unclassified " + unclassifiedQueue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RssSettings s && java.util.Arrays.equals(s.key, key) && s.hashTypes == hashTypes
                && s.table.equals(table) && s.unclassifiedQueue == unclassifiedQueue;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(key) * 31 + hashTypes * 7 + table.hashCode() + unclassifiedQueue;
    }
}
