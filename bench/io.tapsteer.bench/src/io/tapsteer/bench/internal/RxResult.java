package io.tapsteer.bench.internal;

/**
 * What one reader measured: frames read and nanoseconds from the first frame to the last.
 *
 * @param frames frames read
 * @param nanos time from the first frame read to the last
 */
public record RxResult(long frames, long nanos) {
    /** @return millions of frames per second */
    public double mpps() {
        if (frames < 2 || nanos <= 0) {
            throw new IllegalStateException("the reader saw " + frames + " frames: too few to give a rate");
        }
        return frames * 1e3 / nanos;
    }
}
