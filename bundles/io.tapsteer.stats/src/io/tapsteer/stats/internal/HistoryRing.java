package io.tapsteer.stats.internal;

import io.tapsteer.api.stats.DeviceStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} samples of one device, oldest overwritten first. Written by the sampler,
 * read by views and by the rate window; guarded by its monitor (a few accesses per second, never on
 * the data path).
 */
final class HistoryRing {
    private final DeviceStats[] samples;
    private int next;
    private int size;

    /** @param capacity samples kept, at least 2 (a rate needs two) */
    HistoryRing(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("history of " + capacity + " samples is too short: keep at least 2");
        }
        samples = new DeviceStats[capacity];
    }

    synchronized void add(DeviceStats s) {
        samples[next] = s;
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    /** @return the samples, oldest first */
    synchronized List<DeviceStats> list() {
        List<DeviceStats> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(samples[(next - size + i + samples.length) % samples.length]);
        }
        return out;
    }

    /** @return the newest sample, null when empty */
    synchronized DeviceStats latest() {
        return size == 0 ? null : samples[(next - 1 + samples.length) % samples.length];
    }

    /**
     * The start of a rate window: the newest sample taken at or before {@code nanos}, or the oldest
     * sample when all are newer (the window is then shorter than asked; the rate says how long).
     *
     * @param nanos the window start in {@link System#nanoTime()} time
     * @param before only samples strictly before this time qualify (the window's end)
     * @return the sample, null when none is older than {@code before}
     */
    synchronized DeviceStats windowStart(long nanos, long before) {
        DeviceStats found = null;
        for (int i = 0; i < size; i++) {
            DeviceStats s = samples[(next - size + i + samples.length) % samples.length];
            if (s.timeNanos() - before >= 0) {
                break;
            }
            if (found == null || s.timeNanos() - nanos <= 0) {
                found = s;
            }
        }
        return found;
    }

    /** @return samples kept when full */
    int capacity() {
        return samples.length;
    }
}
