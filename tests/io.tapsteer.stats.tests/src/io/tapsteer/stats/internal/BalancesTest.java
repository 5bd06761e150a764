package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.Balance.Verdict;
import io.tapsteer.stats.Balances;
import org.junit.jupiter.api.Test;

/** Balance metrics on distributions whose metrics are known in closed form. */
class BalancesTest {
    private static final int[] FOUR = {0, 1, 2, 3};

    @Test
    void evenSpreadIsPerfectlyBalanced() {
        Balance b = Balances.of(FOUR, new long[] {250, 250, 250, 250});
        assertEquals(Verdict.BALANCED, b.verdict());
        assertEquals(1.0, b.maxOverMean(), 1e-12);
        assertEquals(0.0, b.coefficientOfVariation(), 1e-12);
        assertEquals(1.0, b.jainIndex(), 1e-12);
        assertEquals(-1, b.hotQueue());
        assertTrue(b.text().startsWith("balanced: 4 queues"), b.text());
    }

    @Test
    void oneQueueCarryingEverythingIsHotWithJainOneOverN() {
        Balance b = Balances.of(new int[] {0, 1, 2, 3, 4}, new long[] {0, 0, 0, 1000, 0});
        assertEquals(Verdict.HOT, b.verdict());
        assertEquals(3, b.hotQueue());
        assertEquals(5.0, b.maxOverMean(), 1e-12);
        assertEquals(0.2, b.jainIndex(), 1e-12);
        assertEquals(2.0, b.coefficientOfVariation(), 1e-12); // sqrt(n - 1) for one non-zero of n
        assertEquals("queue 3 is hot: 100.0% of packets, 5.00x the mean (CV 2.00, Jain 0.200)", b.text());
    }

    @Test
    void oneQueueAtTwiceTheMeanIsHot() {
        // mean 150, max 300, variance (3 * 50^2 + 150^2) / 4 = 7500, Jain 600^2 / (4 * 120000) = 0.75
        Balance b = Balances.of(new int[] {4, 5, 6, 7}, new long[] {100, 100, 100, 300});
        assertEquals(Verdict.HOT, b.verdict());
        assertEquals(7, b.hotQueue(), "the verdict names the queue id, not the position");
        assertEquals(2.0, b.maxOverMean(), 1e-12);
        assertEquals(Math.sqrt(7500) / 150, b.coefficientOfVariation(), 1e-12);
        assertEquals(0.75, b.jainIndex(), 1e-12);
        assertEquals(150.0, b.mean(), 1e-12);
        assertEquals(600, b.total());
    }

    @Test
    void moderateExcessIsSkewed() {
        Balance b = Balances.of(FOUR, new long[] {100, 150, 100, 100});
        assertEquals(Verdict.SKEWED, b.verdict());
        assertEquals(1, b.hotQueue());
        assertEquals(150 / 112.5, b.maxOverMean(), 1e-12);
        assertTrue(b.text().startsWith("skewed: queue 1 carries 1.33x the mean"), b.text());
    }

    @Test
    void noPacketsIsIdleAndOneQueueIsSingle() {
        assertEquals(Verdict.IDLE, Balances.of(FOUR, new long[4]).verdict());
        assertEquals(Verdict.IDLE, Balances.of(new int[0], new long[0]).verdict());
        Balance single = Balances.of(new int[] {2}, new long[] {99});
        assertEquals(Verdict.SINGLE, single.verdict());
        assertEquals("single queue 2: nothing to balance", single.text());
    }

    @Test
    void badInputSaysWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Balances.of(FOUR, new long[] {1, 2}));
        assertEquals("ids (4) and packets (2) must have one entry per queue", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Balances.of(new int[] {9}, new long[] {-1}));
        assertEquals("queue 9 has -1 packets: counts are >= 0", e.getMessage());
    }
}
