package io.tapsteer.api.stats;

/**
 * A rate over a sliding window: packets and bits per second between two samples.
 *
 * @param packetsPerSecond packets per second
 * @param bitsPerSecond bits per second (frame bytes times 8, as the counters count them)
 * @param windowNanos the window the rate was measured over, 0 when there was no earlier sample yet
 */
public record Rate(double packetsPerSecond, double bitsPerSecond, long windowNanos) implements java.io.Serializable {
    /** No rate yet: the first sample has nothing to compare with. */
    public static final Rate NONE = new Rate(0, 0, 0);

    /** @return whether a window existed (false for {@link #NONE}) */
    public boolean measured() {
        return windowNanos > 0;
    }
}
