package io.tapsteer.api.steering;

import java.util.Objects;

/**
 * The kernel form of a strategy: what {@link KernelSteering} generates and attaches so that the
 * kernel itself puts each frame on the queue the strategy would choose.
 */
public final class KernelProgram {
    /** What kind of program. */
    public enum Kind {
        /** No program: the kernel's own flow hash (automq). */
        AUTOMQ,
        /** Every frame to one queue. */
        FIXED_QUEUE,
        /** Toeplitz RSS with key, hash types, indirection table and unclassified queue. */
        RSS,
        /** A simple header hash (addresses and ports of untagged IPv4/IPv6) into a table of queues; for tests and labs. */
        TABLE
    }

    private final Kind kind;
    private final int queue;
    private final RssConfig rss;
    private final int[] table;

    private KernelProgram(Kind kind, int queue, RssConfig rss) {
        this(kind, queue, rss, null);
    }

    private KernelProgram(Kind kind, int queue, RssConfig rss, int[] table) {
        this.kind = kind;
        this.queue = queue;
        this.rss = rss;
        this.table = table;
    }

    /** @return the kernel's own steering */
    public static KernelProgram automq() {
        return new KernelProgram(Kind.AUTOMQ, -1, null);
    }

    /** @return every frame to {@code queue} */
    public static KernelProgram fixedQueue(int queue) {
        if (queue < 0) {
            throw new IllegalArgumentException("queue " + queue + " must be 0 or more");
        }
        return new KernelProgram(Kind.FIXED_QUEUE, queue, null);
    }

    /** @return RSS as configured */
    public static KernelProgram rss(RssConfig config) {
        return new KernelProgram(Kind.RSS, -1, Objects.requireNonNull(config, "config"));
    }

    /**
     * @param table queue per slot; length a power of two from 1 to {@link RssConfig#MAX_TABLE}
     * @return steering by a header hash into {@code table}
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static KernelProgram table(int[] table) {
        int n = table.length;
        if (n < 1 || n > RssConfig.MAX_TABLE || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("table length " + n + " is not allowed: use a power of two from 1 to "
                    + RssConfig.MAX_TABLE);
        }
        for (int i = 0; i < n; i++) {
            if (table[i] < 0 || table[i] > 0xffff) {
                throw new IllegalArgumentException("table slot " + i + " holds " + table[i] + ": queues are 0 to 65535");
            }
        }
        return new KernelProgram(Kind.TABLE, -1, null, table.clone());
    }

    /** @return a copy of the table of a TABLE program, else null */
    public int[] table() { return table == null ? null : table.clone(); }

    /** @return the kind */
    public Kind kind() { return kind; }
    /** @return the queue of a FIXED_QUEUE program, else -1 */
    public int queue() { return queue; }
    /** @return the configuration of an RSS program, else null */
    public RssConfig rss() { return rss; }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelProgram p && p.kind == kind && p.queue == queue && Objects.equals(p.rss, rss)
                && java.util.Arrays.equals(p.table, table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, queue, rss) * 31 + java.util.Arrays.hashCode(table);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTOMQ -> "automq";
            case FIXED_QUEUE -> "fixed-queue " + queue;
            case RSS -> "rss " + rss;
            case TABLE -> "table " + table.length + " slots";
        };
    }
}
