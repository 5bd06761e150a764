package io.tapsteer.queue.internal;

import io.tapsteer.api.config.ConfigDefaults;

/**
 * The validated data-path settings of one device.
 *
 * @param budget most frames a poller drains per wake-up (the NAPI weight, 64 by default)
 * @param lanes user-space lanes, 0 for one per attached queue
 * @param poolFrames frames in each poller's pool
 * @param frameBytes bytes per pooled frame, vnet header included
 * @param laneRing frames one poller may queue for one lane (bounds a slow lane's share of a pool)
 * @param strategy the strategy to use when it is available
 * @param selectNanos CPU time a strategy may take per frame on average: a batch over it counts its frames
 *        as fallbacks, and {@link #SLOW_BATCHES} such batches in a row demote the device to automq
 * @param swapTimeoutMillis how long a swap waits for a poller's earlier frames to be delivered
 * @param batchIo whether pollers read and batch transmits write a whole batch with one kernel
 *        crossing (io_uring) where the kernel offers it; false: one read(2)/write(2) per frame
 */
public record Settings(int budget, int lanes, int poolFrames, int frameBytes, int laneRing, String strategy,
        long selectNanos, long swapTimeoutMillis, boolean batchIo) {

    /** Consecutive too-slow batches after which a strategy is replaced by automq. */
    public static final int SLOW_BATCHES = 8;
    /** Largest frame with offloads (64 KiB GSO frames). */
    public static final int MAX_FRAME = 65536;

    /**
     * @throws IllegalArgumentException naming the wrong value and what is allowed
     */
    public Settings {
        if (!Bounds.BUDGET.holds(budget)) {
            throw new IllegalArgumentException("budget " + budget + " is out of range: " + Bounds.BUDGET.allowed() + " frames per wake-up (64 is the NAPI weight)");
        }
        if (!Bounds.LANES.holds(lanes)) {
            throw new IllegalArgumentException("lanes " + lanes + " is out of range: " + Bounds.LANES.allowed());
        }
        if (poolFrames < budget || poolFrames > Bounds.POOL_FRAMES.max()) {
            throw new IllegalArgumentException("pool of " + poolFrames + " frames is out of range: at least the budget (" + budget + "), at most "
                    + Bounds.POOL_FRAMES.max());
        }
        if (!Bounds.FRAME_BYTES.holds(frameBytes)) {
            throw new IllegalArgumentException("frame size " + frameBytes + " is out of range: " + Bounds.FRAME_BYTES.allowed() + " bytes");
        }
        if (laneRing < 0 || laneRing > poolFrames) {
            throw new IllegalArgumentException("lane ring " + laneRing + " is out of range: 0 (automatic) to the pool size " + poolFrames);
        }
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("strategy must be named: for example automq, flow-hash, round-robin or single-queue");
        }
        if (selectNanos < 100) {
            throw new IllegalArgumentException("select time " + selectNanos + " ns is too short: at least 100 ns per frame");
        }
        if (swapTimeoutMillis < 1) {
            throw new IllegalArgumentException("swap timeout " + swapTimeoutMillis + " ms must be at least 1");
        }
    }

    /** CPU time a strategy may take per frame on average, ns. */
    static final long SELECT_NANOS = 20_000;
    /** How long a swap waits for a poller's earlier frames, ms. */
    static final long SWAP_TIMEOUT_MILLIS = 2_000;

    /**
     * @param c a queue manager's configuration
     * @return its data-path settings (lane rings sized automatically)
     * @throws IllegalArgumentException naming the wrong value and what is allowed
     */
    public static Settings of(QueueManagerComponent.Config c) {
        return new Settings(c.budget(), c.lanes(), c.poolFrames(), c.frameBytes(), 0, c.strategy(), SELECT_NANOS, SWAP_TIMEOUT_MILLIS,
                c.batchIo());
    }

    /** @return the defaults of {@link QueueManagerComponent.Config}: budget 64, lanes per queue, 1024 frames of 2048 bytes, automq, batched I/O */
    public static Settings defaults() {
        return of(ConfigDefaults.of(QueueManagerComponent.Config.class));
    }

    /** @return these settings with another strategy */
    public Settings withStrategy(String name) {
        return new Settings(budget, lanes, poolFrames, frameBytes, laneRing, name, selectNanos, swapTimeoutMillis, batchIo);
    }

    /** @return these settings with another lane count */
    public Settings withLanes(int n) {
        return new Settings(budget, n, poolFrames, frameBytes, laneRing, strategy, selectNanos, swapTimeoutMillis, batchIo);
    }

    /** @return these settings with another frame size */
    public Settings withFrameBytes(int bytes) {
        return new Settings(budget, lanes, poolFrames, bytes, laneRing, strategy, selectNanos, swapTimeoutMillis, batchIo);
    }

    /** @return these settings with batched I/O on or off */
    public Settings withBatchIo(boolean on) {
        return new Settings(budget, lanes, poolFrames, frameBytes, laneRing, strategy, selectNanos, swapTimeoutMillis, on);
    }

    /** @return these settings with another pool */
    public Settings withPool(int frames, int ring) {
        return new Settings(budget, lanes, frames, frameBytes, ring, strategy, selectNanos, swapTimeoutMillis, batchIo);
    }

    /**
     * @param lanesNow lanes in use
     * @return the ring size per poller and lane: a power of two, at least the budget, leaving every
     *         lane room in the pool even when one lane is stuck
     */
    int laneRingFor(int lanesNow) {
        int want = laneRing > 0 ? laneRing : poolFrames / (Math.max(1, lanesNow) + 1);
        return Integer.highestOneBit(Math.max(budget, want));
    }
}
