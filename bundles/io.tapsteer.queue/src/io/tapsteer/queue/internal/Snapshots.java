package io.tapsteer.queue.internal;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DropReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the snapshots a {@link io.tapsteer.api.queue.QueueManager} reports. A queue's snapshot
 * is its poller's counters plus its transmit adders. A lane's is its lane thread's counters plus,
 * when the lane is a queue, that queue poller's own delivery counters (each has one writer).
 */
final class Snapshots {
    private Snapshots() {
    }

    static List<CounterSnapshot> queues(List<Poller> pollers) {
        List<CounterSnapshot> out = new ArrayList<>();
        for (Poller p : pollers) {
            CounterSnapshot s = p.counters.snapshot();
            out.add(new CounterSnapshot("queue", p.queue.id(), s.rxPackets(), s.rxBytes(), s.txPackets() + p.txPackets.sum(),
                    s.txBytes() + p.txBytes.sum(), s.drops(), s.fallbacks() + p.txFallbacks.sum(), s.batches(), s.batchSizes()));
        }
        return out;
    }

    static List<CounterSnapshot> lanes(int count, Lane[] lanes, List<Poller> pollers) {
        List<CounterSnapshot> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CounterSnapshot s = i < lanes.length ? lanes[i].counters.snapshot() : empty(i);
            for (Poller p : pollers) {
                // a detached queue's own deliveries stay counted, on the lane it delivered on last
                if (Math.min(p.inlineLaneIndex(), count - 1) == i) {
                    s = sum(i, s, p.inlineLane.snapshot());
                }
            }
            out.add(s);
        }
        return out;
    }

    private static CounterSnapshot empty(int i) {
        return new CounterSnapshot("lane", i, 0, 0, 0, 0, new long[DropReason.values().length], 0, 0, new long[Counters.BUCKETS]);
    }

    private static CounterSnapshot sum(int i, CounterSnapshot a, CounterSnapshot b) {
        long[] d = a.drops().clone();
        for (int k = 0; k < d.length; k++) {
            d[k] += b.drops()[k];
        }
        long[] h = a.batchSizes().clone();
        for (int k = 0; k < h.length; k++) {
            h[k] += b.batchSizes()[k];
        }
        return new CounterSnapshot("lane", i, a.rxPackets() + b.rxPackets(), a.rxBytes() + b.rxBytes(), a.txPackets() + b.txPackets(),
                a.txBytes() + b.txBytes(), d, a.fallbacks() + b.fallbacks(), a.batches() + b.batches(), h);
    }
}
