package io.tapsteer.example.steering;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Remembers the lane each flow was first given, so a flow keeps its lane when the port ranges are
 * reconfigured (its frames stay in order on one lane). A fixed-size, direct-mapped cache: slot =
 * flow hash &amp; mask, entry = {@code hash:32 | lane+1:32}; a colliding flow overwrites the slot.
 * Lock-free and allocation-free: each flow arrives on one kernel queue, so one poller writes its
 * slot, and a lost race only costs a fresh decision.
 */
final class StickyTable {
    private final AtomicLongArray slots;
    private final int mask;

    /** @param size slots, rounded up to a power of two (16 to 1<<20) */
    StickyTable(int size) {
        if (size < 16 || size > (1 << 20)) {
            throw new IllegalArgumentException("sticky table size " + size + " is out of range: use 16 to " + (1 << 20));
        }
        int n = Integer.highestOneBit(size - 1) << 1;
        slots = new AtomicLongArray(n);
        mask = n - 1;
    }

    /** @return the slot of a flow hash */
    int slot(int hash) {
        return hash & mask;
    }

    /** @return the lane remembered for {@code hash}, or -1 */
    int lane(int hash) {
        long e = slots.getPlain(hash & mask);
        return e != 0 && (int) (e >>> 32) == hash ? (int) e - 1 : -1;
    }

    /** Remembers {@code lane} for {@code hash}. */
    void remember(int hash, int lane) {
        slots.setRelease(hash & mask, ((long) hash << 32) | (lane + 1L));
    }

    /** Forgets every flow. */
    void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.setRelease(i, 0);
        }
    }

    /** @return how many slots */
    int size() {
        return slots.length();
    }
}
