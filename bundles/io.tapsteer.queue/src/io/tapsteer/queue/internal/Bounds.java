package io.tapsteer.queue.internal;

/**
 * The allowed range of each whole-number setting of a queue manager: the one place both the check
 * of a written configuration ({@link ConfigCheck}) and the validated settings ({@link Settings}) read.
 */
final class Bounds {
    // The limits are constants so the metatype's min and max (annotation values) are these too.
    /** Fewest queue fds of one tap. */
    static final int QUEUES_MIN = 1;
    /** Most queue fds of one tap (the kernel's limit). */
    static final int QUEUES_MAX = 256;
    /** Fewest frames a poller drains per wake-up. */
    static final int BUDGET_MIN = 1;
    /** Most frames a poller drains per wake-up. */
    static final int BUDGET_MAX = 1024;
    /** Fewest user-space lanes: 0 for one per attached queue. */
    static final int LANES_MIN = 0;
    /** Most user-space lanes. */
    static final int LANES_MAX = 256;
    /** Fewest frames in one poller's pool. */
    static final int POOL_FRAMES_MIN = 64;
    /** Most frames in one poller's pool. */
    static final int POOL_FRAMES_MAX = 1 << 20;
    /** Fewest bytes per pooled frame. */
    static final int FRAME_BYTES_MIN = 128;
    /** Most bytes per pooled frame: 64 KiB GSO frames plus room for a vnet header. */
    static final int FRAME_BYTES_MAX = Settings.MAX_FRAME + 64;

    /** Queue fds of one tap. */
    static final Range QUEUES = new Range(QUEUES_MIN, QUEUES_MAX, QUEUES_MIN + " to " + QUEUES_MAX);
    /** Frames a poller drains per wake-up. */
    static final Range BUDGET = new Range(BUDGET_MIN, BUDGET_MAX, BUDGET_MIN + " to " + BUDGET_MAX);
    /** User-space lanes, 0 for one per attached queue. */
    static final Range LANES = new Range(LANES_MIN, LANES_MAX, LANES_MIN + " (one per queue) to " + LANES_MAX);
    /** Frames in one poller's pool. */
    static final Range POOL_FRAMES = new Range(POOL_FRAMES_MIN, POOL_FRAMES_MAX, POOL_FRAMES_MIN + " to " + POOL_FRAMES_MAX);
    /** Bytes per pooled frame. */
    static final Range FRAME_BYTES = new Range(FRAME_BYTES_MIN, FRAME_BYTES_MAX, FRAME_BYTES_MIN + " to " + FRAME_BYTES_MAX);
    /** A vnet header size (checked further by {@link #vnetHeaderAllowed}). */
    static final Range VNET_HEADER = new Range(0, Integer.MAX_VALUE, "0 (none), 10, 12, 20 or more");
    /** TUN_F_* offload bits. */
    static final Range OFFLOADS = new Range(0, Integer.MAX_VALUE, "0 or more (TUN_F_* bits)");

    private Bounds() {
    }

    /**
     * @param min smallest value allowed
     * @param max largest value allowed
     * @param allowed the range in words, as refusals print it
     */
    record Range(int min, int max, String allowed) {
        boolean holds(long n) {
            return n >= min && n <= max;
        }
    }

    /** @return whether the kernel's virtio-net header layouts allow this size: none, 10, 12 (mergeable buffers), 20 or more (hash report) */
    static boolean vnetHeaderAllowed(int size) {
        return size == 0 || size == 10 || size == 12 || size >= 20;
    }
}
