package io.tapsteer.bench.internal;

/**
 * What one reader measured: frames read, nanoseconds from the first frame to the last, and bytes
 * the reader threads allocated meanwhile (-1 when unknown or not a Java reader).
 *
 * @param frames frames read
 * @param nanos time from the first frame read to the last
 * @param allocatedBytes bytes allocated by the reading threads, -1 when unknown
 */
public record RxResult(long frames, long nanos, long allocatedBytes) {
    /** @return millions of frames per second */
    public double mpps() {
        if (frames < 2 || nanos <= 0) {
            throw new IllegalStateException("the reader saw " + frames + " frames: too few to give a rate");
        }
        return frames * 1e3 / nanos;
    }
}
