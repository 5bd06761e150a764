package io.tapsteer.queue.internal;

/**
 * The allowed range of each whole-number setting of a queue manager: the one place both the check
 * of a written configuration ({@link ConfigCheck}) and the validated settings ({@link Settings}) read.
 */
final class Bounds {
    /** Queue fds of one tap (the kernel's limit). */
    static final Range QUEUES = new Range(1, 256, "1 to 256");
    /** Frames a poller drains per wake-up. */
    static final Range BUDGET = new Range(1, 1024, "1 to 1024");
    /** User-space lanes, 0 for one per attached queue. */
    static final Range LANES = new Range(0, 256, "0 (one per queue) to 256");
    /** Frames in one poller's pool. */
    static final Range POOL_FRAMES = new Range(64, 1 << 20, "64 to 1048576");
    /** Bytes per pooled frame: 64 KiB GSO frames plus room for a vnet header. */
    static final Range FRAME_BYTES = new Range(128, Settings.MAX_FRAME + 64, "128 to " + (Settings.MAX_FRAME + 64));
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
