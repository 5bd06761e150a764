package io.tapsteer.stats.internal;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Rate;
import java.util.List;

/** Rates between two counter snapshots of the same queue or lane. */
final class Rates {
    private Rates() {
    }

    /**
     * @return the rate of {@code packets}/{@code bytes} deltas over {@code nanos}; a counter that went
     *         backwards (a restarted manager) counts from zero
     */
    static Rate of(long packets, long bytes, long nanos) {
        if (nanos <= 0) {
            return Rate.NONE;
        }
        double seconds = nanos / 1e9;
        return new Rate(Math.max(0, packets) / seconds, Math.max(0, bytes) * 8.0 / seconds, nanos);
    }

    static long delta(long now, long before) {
        return now >= before ? now - before : now;
    }

    /** @return the snapshot with this index in a list, null when absent (a queue added since) */
    static CounterSnapshot byIndex(List<CounterSnapshot> list, int index) {
        if (list == null) {
            return null;
        }
        for (CounterSnapshot c : list) {
            if (c.index() == index) {
                return c;
            }
        }
        return null;
    }

    static long rxPackets(CounterSnapshot now, CounterSnapshot before) {
        return before == null ? now.rxPackets() : delta(now.rxPackets(), before.rxPackets());
    }

    static long rxBytes(CounterSnapshot now, CounterSnapshot before) {
        return before == null ? now.rxBytes() : delta(now.rxBytes(), before.rxBytes());
    }

    static long txPackets(CounterSnapshot now, CounterSnapshot before) {
        return before == null ? now.txPackets() : delta(now.txPackets(), before.txPackets());
    }

    static long txBytes(CounterSnapshot now, CounterSnapshot before) {
        return before == null ? now.txBytes() : delta(now.txBytes(), before.txBytes());
    }
}
