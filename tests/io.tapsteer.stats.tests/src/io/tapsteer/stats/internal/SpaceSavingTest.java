package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The space-saving summary against exact counts of known streams. */
class SpaceSavingTest {

    @Test
    void countsExactlyWhileEveryKeyFits() {
        SpaceSaving s = new SpaceSaving(16);
        for (int i = 0; i < 160; i++) {
            s.offer(i % 10, 1, 100, i % 4, 0);
        }
        assertEquals(10, s.size());
        assertEquals(160, s.total());
        for (long k = 0; k < 10; k++) {
            int slot = s.slotOf(k);
            assertEquals(16, s.count(slot));
            assertEquals(0, s.error(slot));
            assertEquals(1600, s.bytes(slot));
        }
        assertEquals(0, s.minCount(), "not full: an absent key has count 0");
    }

    @Test
    void plantedHeavyFlowsAreFoundInALongTail() {
        // 5 heavy flows with 4%, 3%, 2%, 1.5%, 1% of 200000 packets; the rest spread over 50000 keys
        int capacity = 128; // guarantees every key above 1/128 = 0.78% of the stream
        SpaceSaving s = new SpaceSaving(capacity);
        Map<Long, Long> exact = new HashMap<>();
        double[] heavyShare = {0.04, 0.03, 0.02, 0.015, 0.01};
        Random r = new Random(42);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            long key = 1_000_000 + r.nextInt(50_000);
            double acc = 0;
            for (int h = 0; h < heavyShare.length; h++) {
                acc += heavyShare[h];
                if (u < acc) {
                    key = h;
                    break;
                }
            }
            s.offer(key, 1, 64, (int) (key & 3), 0);
            exact.merge(key, 1L, Long::sum);
        }
        assertEquals(capacity, s.size());
        assertEquals(n, s.total());
        for (long h = 0; h < heavyShare.length; h++) {
            int slot = s.slotOf(h);
            assertTrue(slot >= 0, "heavy flow " + h + " present");
            long truth = exact.get(h);
            assertTrue(s.count(slot) >= truth, "count is an upper bound");
            assertTrue(s.count(slot) - s.error(slot) <= truth, "count - error is a lower bound");
            assertTrue(s.error(slot) <= n / capacity, "error at most n/capacity");
        }
        // every key in the summary is reachable through the table after 200000 replacements
        for (int slot = 0; slot < s.size(); slot++) {
            assertEquals(slot, s.slotOf(s.key(slot)));
        }
    }

    @Test
    void replacementInheritsTheMinimumAsError() {
        SpaceSaving s = new SpaceSaving(2);
        s.offer(1, 5, 0, 0, 0);
        s.offer(2, 3, 0, 0, 0);
        int slot = s.offer(3, 1, 0, 1, 2);
        assertTrue(slot < 0, "a new key reports its slot as -(slot + 1)");
        slot = -slot - 1;
        assertEquals(3, s.key(slot));
        assertEquals(4, s.count(slot));
        assertEquals(3, s.error(slot));
        assertEquals(1, s.queue(slot));
        assertEquals(2, s.lane(slot));
        assertEquals(-1, s.slotOf(2), "the minimum was evicted");
        assertEquals(4, s.minCount());
    }

    @Test
    void decayHalvesCountsKeepsTheOrderAndLetsTodaysFlowsOvertake() {
        SpaceSaving s = new SpaceSaving(4);
        for (int k = 1; k <= 4; k++) {
            s.offer(k, 100 * k, 1000 * k, 0, 0); // yesterday: key 4 heaviest
        }
        s.decay();
        assertEquals(500, s.total(), "the total halves with the counts: shares stay consistent");
        for (long k = 1; k <= 4; k++) {
            assertEquals(50 * k, s.count(s.slotOf(k)));
            assertEquals(500 * k, s.bytes(s.slotOf(k)));
        }
        assertEquals(50, s.minCount(), "the heap still has the smallest count on top");
        int slot = -s.offer(9, 60, 0, 1, 0) - 1; // a new flow replaces the smallest (key 1)
        assertEquals(-1, s.slotOf(1));
        assertEquals(110, s.count(slot));
        assertEquals(50, s.error(slot));
        s.offer(9, 200, 0, 1, 0);
        s.decay();
        s.decay();
        assertEquals(77, s.count(s.slotOf(9)), "(50 + 60 + 200) / 4: now the heaviest flow");
        for (long k = 2; k <= 4; k++) {
            assertTrue(s.count(s.slotOf(k)) < s.count(s.slotOf(9)), "old flow " + k + " fell behind");
        }
    }

    @Test
    void capacityBelowOneIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpaceSaving(0));
        assertEquals("flow summary capacity 0 must be at least 1", e.getMessage());
    }
}
