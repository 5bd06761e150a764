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
        RSS
    }

    private final Kind kind;
    private final int queue;
    private final RssConfig rss;

    private KernelProgram(Kind kind, int queue, RssConfig rss) {
        this.kind = kind;
        this.queue = queue;
        this.rss = rss;
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

    /** @return the kind */
    public Kind kind() { return kind; }
    /** @return the queue of a FIXED_QUEUE program, else -1 */
    public int queue() { return queue; }
    /** @return the configuration of an RSS program, else null */
    public RssConfig rss() { return rss; }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelProgram p && p.kind == kind && p.queue == queue && Objects.equals(p.rss, rss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, queue, rss);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTOMQ -> "automq";
            case FIXED_QUEUE -> "fixed-queue " + queue;
            case RSS -> "rss " + rss;
        };
    }
}
