package io.tapsteer.lab;

/**
 * The schedule of a paced traffic source: how many frames are due at a time. The rate ramps up
 * linearly from nothing over {@code rampNanos}, then holds; a source further behind than
 * {@code catchUpNanos} of frames has the schedule moved forward instead of sending the backlog at
 * once. Allocation-free; used by the source's thread only.
 */
final class Pace {
    private final long rate;
    private final long rampNanos;
    private final long catchUpFrames;
    private long start;
    private long skipped;

    /**
     * @param rate frames per second, more than 0
     * @param rampNanos time from nothing to the full rate, 0 for none
     * @param catchUpNanos most time behind schedule that is made up
     */
    Pace(long rate, long rampNanos, long catchUpNanos) {
        this.rate = rate;
        this.rampNanos = rampNanos;
        this.catchUpFrames = Math.max(1, catchUpNanos * rate / 1_000_000_000L);
    }

    /** @param nanos when the schedule starts */
    void start(long nanos) {
        start = nanos;
        skipped = 0;
    }

    /** @return frames the schedule asks for from its start until {@code now} (the ramp included), minus what was given up */
    long scheduled(long now) {
        double t = Math.max(0, now - start);
        double frames = t < rampNanos ? rate * t * t / (2.0 * rampNanos * 1e9) : rate * (t - rampNanos / 2.0) / 1e9;
        return (long) frames - skipped;
    }

    /**
     * @param sent frames sent so far
     * @return nanoseconds until the next frame is due, 0 when one is due now
     */
    long wait(long sent, long now) {
        if (scheduled(now) > sent) {
            return 0;
        }
        // one frame's time at the full rate; during the ramp this wakes a little early, which is harmless
        return Math.max(1_000L, 1_000_000_000L / rate);
    }

    /**
     * @param sent frames sent so far
     * @return frames due now, at least 1 (call after {@link #wait} returned 0); a deficit beyond the
     *         catch-up bound is given up first
     */
    long due(long sent, long now) {
        long behind = scheduled(now) - sent;
        if (behind > catchUpFrames) {
            skipped += behind - catchUpFrames;
            behind = catchUpFrames;
        }
        return Math.max(1, behind);
    }

    /** @return frames the schedule gave up because the source fell too far behind */
    long skipped() {
        return skipped;
    }
}
