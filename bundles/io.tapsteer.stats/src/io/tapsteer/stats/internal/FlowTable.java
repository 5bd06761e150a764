package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.stats.FlowStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The heaviest flows of one device: one space-saving summary per lane, each written by its lane's
 * thread under a lock taken once per batch (never per frame, and uncontended except while a snapshot
 * copies it). Snapshots merge the lanes: a flow that moved lanes (round robin, a strategy swap) sums.
 */
final class FlowTable {
    private final FlowIdentity identity;
    private final int capacity;
    private volatile Summary[] lanes = new Summary[0];

    private static final class Summary {
        final ReentrantLock lock = new ReentrantLock();
        final SpaceSaving flows;
        final byte[] tuples;

        Summary(int capacity) {
            flows = new SpaceSaving(capacity);
            tuples = new byte[capacity * FlowIdentity.TUPLE_BYTES];
        }
    }

    /**
     * @param identity how frames map to flows
     * @param capacity counters per lane: every flow above 1/capacity of a lane's packets is found
     */
    FlowTable(FlowIdentity identity, int capacity) {
        this.identity = identity;
        this.capacity = capacity;
    }

    /** Counts one batch. Lane thread; allocates only the first time a lane is seen. */
    void count(FrameBatch batch) {
        Summary s = lane(batch.lane());
        s.lock.lock();
        try {
            SpaceSaving flows = s.flows;
            for (int i = 0, n = batch.size(); i < n; i++) {
                Frame f = batch.frame(i);
                int slot = flows.offer(identity.key(f), 1, f.length(), f.queue(), batch.lane());
                if (slot < 0) {
                    identity.capture(f, s.tuples, (-slot - 1) * FlowIdentity.TUPLE_BYTES);
                }
            }
        } finally {
            s.lock.unlock();
        }
    }

    private Summary lane(int lane) {
        Summary[] l = lanes;
        if (lane >= 0 && lane < l.length && l[lane] != null) {
            return l[lane];
        }
        return grow(Math.max(0, lane));
    }

    private synchronized Summary grow(int lane) {
        Summary[] l = lanes;
        if (lane >= l.length) {
            l = Arrays.copyOf(l, lane + 1);
        } else {
            l = l.clone();
        }
        if (l[lane] == null) {
            l[lane] = new Summary(capacity);
        }
        lanes = l;
        return l[lane];
    }

    /** Halves every lane's flow counts ({@link SpaceSaving#decay}); one lane lock at a time. */
    void decay() {
        for (Summary s : lanes) {
            if (s != null) {
                s.lock.lock();
                try {
                    s.flows.decay();
                } finally {
                    s.lock.unlock();
                }
            }
        }
    }

    /** @return packets counted over all lanes */
    long total() {
        long t = 0;
        for (Summary s : lanes) {
            if (s != null) {
                s.lock.lock();
                try {
                    t += s.flows.total();
                } finally {
                    s.lock.unlock();
                }
            }
        }
        return t;
    }

    /**
     * @param n how many flows
     * @return the {@code n} heaviest flows, heaviest first, with their share of all packets counted
     */
    List<FlowStats> top(int n) {
        Map<Long, long[]> merged = new HashMap<>(); // key -> packets, bytes, error, queue, lane, best count
        Summary[] l = lanes;
        long total = 0;
        for (Summary s : l) {
            if (s == null) {
                continue;
            }
            s.lock.lock();
            try {
                SpaceSaving f = s.flows;
                total += f.total();
                for (int slot = 0; slot < f.size(); slot++) {
                    long[] m = merged.computeIfAbsent(f.key(slot), k -> new long[6]);
                    m[0] += f.count(slot);
                    m[1] += f.bytes(slot);
                    m[2] += f.error(slot);
                    if (f.count(slot) > m[5]) { // name the queue and lane where most of it was seen
                        m[3] = f.queue(slot);
                        m[4] = f.lane(slot);
                        m[5] = f.count(slot);
                    }
                }
            } finally {
                s.lock.unlock();
            }
        }
        List<Map.Entry<Long, long[]>> entries = new ArrayList<>(merged.entrySet());
        entries.sort(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -e.getValue()[0])
                .thenComparingLong(Map.Entry::getKey));
        List<FlowStats> out = new ArrayList<>(Math.min(n, entries.size()));
        for (int i = 0; i < Math.min(n, entries.size()); i++) {
            long key = entries.get(i).getKey();
            long[] m = entries.get(i).getValue();
            out.add(new FlowStats(key, describe(l, key), m[0], m[1], m[2], (int) m[3], (int) m[4],
                    total == 0 ? 0 : (double) m[0] / total));
        }
        return out;
    }

    /**
     * Describes one flow from the first lane that holds it: only the flows a caller gets are put in
     * words (describing is the costly part of a snapshot, and a table holds far more flows than are
     * shown).
     */
    private String describe(Summary[] l, long key) {
        for (Summary s : l) {
            if (s == null) {
                continue;
            }
            s.lock.lock();
            try {
                int slot = s.flows.slotOf(key);
                if (slot >= 0) {
                    return identity.describe(s.tuples, slot * FlowIdentity.TUPLE_BYTES);
                }
            } finally {
                s.lock.unlock();
            }
        }
        // replaced in every lane since it was counted above (heavy churn): its key is all that is left
        return "flow " + Long.toHexString(key) + " (left the summary)";
    }
}
