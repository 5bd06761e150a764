package io.tapsteer.api.steering;

import io.tapsteer.api.frame.HashType;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A virtio-net RSS configuration: Toeplitz key, enabled hash types, indirection table and the queue
 * for unclassified frames. Immutable and validated on construction; {@link #validateFor(int)} checks
 * it against a queue count.
 */
public final class RssConfig {
    /** The well-known 40-byte default Toeplitz key (Microsoft RSS specification). */
    public static final byte[] DEFAULT_KEY = HexFormat.of().parseHex(
            "6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa");
    /** Most indirection-table entries. */
    public static final int MAX_TABLE = 4096;

    private final byte[] key;
    private final int hashTypes;
    private final int[] table;
    private final int unclassifiedQueue;
    private final boolean userTable;

    /**
     * @param key the Toeplitz key; must cover the longest enabled tuple plus 4 bytes
     * @param hashTypes a mask of {@link HashType#bit()}s
     * @param table queue per slot; length a power of two from 1 to {@link #MAX_TABLE}
     * @param unclassifiedQueue queue for frames no enabled type covers
     * @param userTable whether the table was set by a user (refused, not re-spread, when queues shrink)
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public RssConfig(byte[] key, int hashTypes, int[] table, int unclassifiedQueue, boolean userTable) {
        if ((hashTypes & ~HashType.ALL) != 0) {
            throw new IllegalArgumentException(String.format(
                    "hash types 0x%x has unknown bits: allowed is a mask within 0x%x", hashTypes, HashType.ALL));
        }
        int needed = keyBytesNeeded(hashTypes);
        if (key.length < needed) {
            throw new IllegalArgumentException("key of " + key.length + " bytes is too short for the enabled hash types: "
                    + needed + " bytes needed (tuple + 4), 40 covers all");
        }
        int n = table.length;
        if (n < 1 || n > MAX_TABLE || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("indirection table length " + n
                    + " is not allowed: use a power of two from 1 to " + MAX_TABLE);
        }
        for (int i = 0; i < n; i++) {
            if (table[i] < 0 || table[i] > 0xffff) {
                throw new IllegalArgumentException("indirection table slot " + i + " holds " + table[i] + ": queues are 0 to 65535");
            }
        }
        if (unclassifiedQueue < 0 || unclassifiedQueue > 0xffff) {
            throw new IllegalArgumentException("unclassified queue " + unclassifiedQueue + " is out of range: 0 to 65535");
        }
        this.key = key.clone();
        this.hashTypes = hashTypes;
        this.table = table.clone();
        this.unclassifiedQueue = unclassifiedQueue;
        this.userTable = userTable;
    }

    /** @return the default: standard key, every hash type, 128 slots spread equally over {@code queues} */
    public static RssConfig defaults(int queues) {
        return new RssConfig(DEFAULT_KEY, HashType.ALL, equalTable(128, queues), 0, false);
    }

    /** @return a table of {@code size} slots spreading {@code queues} round robin (ethtool {@code equal}) */
    public static int[] equalTable(int size, int queues) {
        if (queues < 1) {
            throw new IllegalArgumentException("queues " + queues + " must be at least 1");
        }
        int[] t = new int[size];
        for (int i = 0; i < size; i++) {
            t[i] = i % queues;
        }
        return t;
    }

    /** @return bytes of key the enabled types need: longest tuple + 4 */
    public static int keyBytesNeeded(int hashTypes) {
        int tuple = 0;
        if ((hashTypes & HashType.IPv4.bit()) != 0) tuple = Math.max(tuple, 8);
        if ((hashTypes & (HashType.TCPv4.bit() | HashType.UDPv4.bit())) != 0) tuple = Math.max(tuple, 12);
        if ((hashTypes & (HashType.IPv6.bit() | HashType.IP_EX.bit())) != 0) tuple = Math.max(tuple, 32);
        if ((hashTypes & (HashType.TCPv6.bit() | HashType.UDPv6.bit() | HashType.TCP_EX.bit() | HashType.UDP_EX.bit())) != 0) {
            tuple = Math.max(tuple, 36);
        }
        return tuple == 0 ? 0 : tuple + 4;
    }

    /**
     * @param queues attached queues
     * @throws IllegalArgumentException when a slot or the unclassified queue is not below {@code queues}
     */
    public void validateFor(int queues) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] >= queues) {
                throw new IllegalArgumentException("indirection table slot " + i + " points at queue " + table[i]
                        + " but the device has " + queues + " queues: entries must be 0 to " + (queues - 1));
            }
        }
        if (unclassifiedQueue >= queues) {
            throw new IllegalArgumentException("unclassified queue " + unclassifiedQueue + " but the device has "
                    + queues + " queues: use 0 to " + (queues - 1));
        }
    }

    /**
     * @param queues the new queue count
     * @return this configuration fitted to {@code queues}: a default table is re-spread, a user table is kept
     * @throws IllegalArgumentException when a user table no longer fits
     */
    public RssConfig forQueues(int queues) {
        RssConfig c = userTable ? this : new RssConfig(key, hashTypes, equalTable(table.length, queues),
                Math.min(unclassifiedQueue, queues - 1), false);
        c.validateFor(queues);
        return c;
    }

    /** @return a copy of the key */
    public byte[] key() { return key.clone(); }
    /** @return the enabled hash types mask */
    public int hashTypes() { return hashTypes; }
    /** @return whether {@code type} is enabled */
    public boolean enabled(HashType type) { return (hashTypes & type.bit()) != 0; }
    /** @return a copy of the indirection table */
    public int[] table() { return table.clone(); }
    /** @return indirection table length */
    public int tableSize() { return table.length; }
    /** @return the queue of slot {@code i} */
    public int slot(int i) { return table[i]; }
    /** @return the unclassified queue */
    public int unclassifiedQueue() { return unclassifiedQueue; }
    /** @return whether a user set the table */
    public boolean userTable() { return userTable; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RssConfig c && Arrays.equals(c.key, key) && c.hashTypes == hashTypes
                && Arrays.equals(c.table, table) && c.unclassifiedQueue == unclassifiedQueue && c.userTable == userTable;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(table) + hashTypes * 7 + unclassifiedQueue;
    }

    @Override
    public String toString() {
        return String.format("key %d bytes, types 0x%03x, table %d slots, unclassified %d", key.length, hashTypes,
                table.length, unclassifiedQueue);
    }
}
