package io.tapsteer.stats.internal;

/**
 * The space-saving summary (Metwally, Agrawal, El Abbadi, 2005): the heaviest keys of a stream in a
 * fixed number of counters. A key not in the summary replaces the smallest counter and inherits its
 * count as its error, so every key heavier than total/capacity is guaranteed to be present and each
 * count over-estimates by at most its error.
 *
 * <p>All memory is allocated up front: a min-heap of slots by count and an open-addressing table
 * from key to slot (linear probing, backward-shift deletion), so {@link #offer} allocates nothing.
 * Not thread-safe: one writer, readers copy under the owner's lock.
 */
final class SpaceSaving {
    private final int capacity;
    private final long[] keys;
    private final long[] counts;
    private final long[] errors;
    private final long[] bytes;
    private final int[] queues;
    private final int[] lanes;
    private final int[] heap; // slot at each heap position, min count at 0
    private final int[] position; // heap position of each slot
    private final int[] table; // slot + 1, 0 = empty
    private final int mask;
    private int size;
    private long total;

    /** @param capacity counters kept, at least 1 */
    SpaceSaving(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("flow summary capacity " + capacity + " must be at least 1");
        }
        this.capacity = capacity;
        keys = new long[capacity];
        counts = new long[capacity];
        errors = new long[capacity];
        bytes = new long[capacity];
        queues = new int[capacity];
        lanes = new int[capacity];
        heap = new int[capacity];
        position = new int[capacity];
        int tableSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        table = new int[Math.max(4, tableSize)];
        mask = table.length - 1;
    }

    /**
     * Counts packets of a key.
     *
     * @return the key's slot, or {@code -(slot + 1)} when the key just entered the summary (the
     *         caller then records what the flow is, see {@link #slotCount()})
     */
    int offer(long key, long packets, long frameBytes, int queue, int lane) {
        total += packets;
        int t = find(key);
        if (t >= 0) {
            int slot = table[t] - 1;
            counts[slot] += packets;
            bytes[slot] += frameBytes;
            queues[slot] = queue;
            lanes[slot] = lane;
            siftDown(position[slot]);
            return slot;
        }
        int slot;
        long inherited;
        if (size < capacity) {
            slot = size;
            heap[size] = slot;
            position[slot] = size;
            size++;
            inherited = 0;
        } else {
            slot = heap[0];
            remove(keys[slot]);
            inherited = counts[slot];
        }
        keys[slot] = key;
        counts[slot] = inherited + packets;
        errors[slot] = inherited;
        bytes[slot] = frameBytes;
        queues[slot] = queue;
        lanes[slot] = lane;
        insert(key, slot);
        siftUp(position[slot]); // an appended slot may be the new minimum
        siftDown(position[slot]); // a replaced minimum has grown
        return -(slot + 1);
    }

    /** @return packets offered so far */
    long total() {
        return total;
    }

    /** @return slots in use */
    int size() {
        return size;
    }

    /** @return the number of slots (the capacity) */
    int slotCount() {
        return capacity;
    }

    long key(int slot) { return keys[slot]; }
    long count(int slot) { return counts[slot]; }
    long error(int slot) { return errors[slot]; }
    long bytes(int slot) { return bytes[slot]; }
    int queue(int slot) { return queues[slot]; }
    int lane(int slot) { return lanes[slot]; }

    /** @return the smallest count held (0 while not full): an upper bound for any absent key */
    long minCount() {
        return size < capacity ? 0 : counts[heap[0]];
    }

    /** @return the slot of a key, -1 when absent */
    int slotOf(long key) {
        int t = find(key);
        return t < 0 ? -1 : table[t] - 1;
    }

    /**
     * Halves every count, error and byte count and the total: an exponential fade, so that old
     * traffic gives way to the flows of now. Halving keeps the order of the counts, so the heap
     * stays valid; keys stay in place until newer ones replace them.
     */
    void decay() {
        for (int slot = 0; slot < size; slot++) {
            counts[slot] >>= 1;
            errors[slot] >>= 1;
            bytes[slot] >>= 1;
        }
        total >>= 1;
    }

    /** Forgets every key. */
    void clear() {
        java.util.Arrays.fill(table, 0);
        size = 0;
        total = 0;
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int find(long key) {
        for (int t = spread(key) & mask;; t = (t + 1) & mask) {
            int s = table[t];
            if (s == 0) {
                return -1;
            }
            if (keys[s - 1] == key) {
                return t;
            }
        }
    }

    private void insert(long key, int slot) {
        int t = spread(key) & mask;
        while (table[t] != 0) {
            t = (t + 1) & mask;
        }
        table[t] = slot + 1;
    }

    private void remove(long key) {
        int hole = find(key);
        // backward-shift deletion keeps every probe chain unbroken without tombstones
        for (int t = (hole + 1) & mask; table[t] != 0; t = (t + 1) & mask) {
            int home = spread(keys[table[t] - 1]) & mask;
            if (((t - home) & mask) >= ((t - hole) & mask)) {
                table[hole] = table[t];
                hole = t;
            }
        }
        table[hole] = 0;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (counts[heap[parent]] <= counts[heap[i]]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int m = r < size && counts[heap[r]] < counts[heap[l]] ? r : l;
            if (counts[heap[i]] <= counts[heap[m]]) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        int sa = heap[a];
        int sb = heap[b];
        heap[a] = sb;
        heap[b] = sa;
        position[sb] = a;
        position[sa] = b;
    }
}
