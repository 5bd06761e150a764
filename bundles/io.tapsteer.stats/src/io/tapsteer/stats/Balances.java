package io.tapsteer.stats;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.Balance.Verdict;
import java.util.Locale;

/**
 * Balance metrics of a distribution of packets over queues: max/mean, coefficient of variation,
 * Jain's fairness index, and a verdict naming the hot queue.
 *
 * <p>Thresholds: balanced when no queue exceeds the mean by more than {@link #BALANCED_MAX_OVER_MEAN}
 * and Jain's index is at least {@link #BALANCED_JAIN}; hot when the busiest queue carries at least
 * {@link #HOT_MAX_OVER_MEAN} times the mean; skewed in between. Max/mean names the queue to act on,
 * Jain's index summarises the whole spread (it is 1/n when one queue carries everything).
 */
public final class Balances {
    /** Highest max/mean still called balanced. */
    public static final double BALANCED_MAX_OVER_MEAN = 1.25;
    /** Lowest Jain's index still called balanced. */
    public static final double BALANCED_JAIN = 0.95;
    /** Lowest max/mean called hot. */
    public static final double HOT_MAX_OVER_MEAN = 2.0;

    private Balances() {
    }

    /**
     * @param ids queue ids, parallel to {@code packets}
     * @param packets packets per queue (in a window, or in all)
     * @return the balance and its verdict
     * @throws IllegalArgumentException when the arrays differ in length or a count is negative
     */
    public static Balance of(int[] ids, long[] packets) {
        return of("queue", ids, packets);
    }

    /**
     * @param noun what is compared, "queue" or "lane", as the verdict names it
     * @param ids their ids, parallel to {@code packets}
     * @param packets packets of each (in a window, or in all)
     * @return the balance and its verdict
     * @throws IllegalArgumentException when the arrays differ in length or a count is negative
     */
    public static Balance of(String noun, int[] ids, long[] packets) {
        if (ids.length != packets.length) {
            throw new IllegalArgumentException("ids (" + ids.length + ") and packets (" + packets.length
                    + ") must have one entry per queue");
        }
        int n = packets.length;
        long total = 0;
        long max = 0;
        int hotAt = -1;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            long x = packets[i];
            if (x < 0) {
                throw new IllegalArgumentException(noun + " " + ids[i] + " has " + x + " packets: counts are >= 0");
            }
            total += x;
            sumSquares += (double) x * x;
            if (hotAt < 0 || x > max) {
                max = x;
                hotAt = i;
            }
        }
        if (n == 0 || total == 0) {
            return new Balance(n, 0, 0, 0, 0, 0, 1, -1, Verdict.IDLE,
                    n == 0 ? "idle: no " + noun + "s" : "idle: no packets");
        }
        double mean = (double) total / n;
        double variance = sumSquares / n - mean * mean;
        double cv = Math.sqrt(Math.max(0, variance)) / mean;
        double jain = (double) total * total / (n * sumSquares);
        double maxOverMean = max / mean;
        int hot = ids[hotAt];
        if (n == 1) {
            return new Balance(1, total, mean, max, 1, 0, 1, -1, Verdict.SINGLE,
                    "single " + noun + " " + hot + ": nothing to balance");
        }
        Verdict verdict;
        String text;
        if (maxOverMean <= BALANCED_MAX_OVER_MEAN && jain >= BALANCED_JAIN) {
            verdict = Verdict.BALANCED;
            text = format("balanced: %d %ss, busiest within %.2fx of the mean (CV %.2f, Jain %.3f)", n, noun,
                    maxOverMean, cv, jain);
        } else if (maxOverMean >= HOT_MAX_OVER_MEAN) {
            verdict = Verdict.HOT;
            text = format("%s %d is hot: %.1f%% of packets, %.2fx the mean (CV %.2f, Jain %.3f)", noun, hot,
                    100.0 * max / total, maxOverMean, cv, jain);
        } else {
            verdict = Verdict.SKEWED;
            text = format("skewed: %s %d carries %.2fx the mean, %.1f%% of packets (CV %.2f, Jain %.3f)", noun, hot,
                    maxOverMean, 100.0 * max / total, cv, jain);
        }
        return new Balance(n, total, mean, max, maxOverMean, cv, jain,
                verdict == Verdict.BALANCED ? -1 : hot, verdict, text);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
