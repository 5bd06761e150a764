package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.lab.TrafficSource;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A paced lab source never bursts into the tap's queue rings: its schedule starts once its frame
 * templates are built (65,536 flows take a while), ramps up, and a source that fell behind makes up
 * only a bounded backlog. Measured on a real tap, from what the kernel accepted over time.
 */
class PacedSourceTest {
    private static final long RATE = 100_000;
    /** The source's catch-up bound (2 ms at this rate) plus two sendmmsg batches of slack. */
    private static final long MOST_AHEAD = RATE * 2 / 1000 + 2 * 64;

    @Test
    void noWindowOfFiveMillisecondsCarriesMoreThanTheRateAndTheCatchUpBound() {
        try (TapLab lab = new TapLab("paced")) {
            TapDevice tap = lab.tap(1);
            TrafficSource src = TrafficSource.builder(lab.service, tap).flows(65_536).rate(RATE).frames(50_000)
                    .duration(Duration.ofSeconds(20)).build();
            long[] t = new long[200_000];
            long[] sent = new long[t.length];
            int n = 0;
            src.start();
            long until = System.nanoTime() + 3_000_000_000L;
            while (n < t.length && System.nanoTime() - until < 0 && src.sent() < 50_000) {
                t[n] = System.nanoTime();
                sent[n] = src.sent();
                n++;
                LockSupport.parkNanos(100_000L);
            }
            TrafficSource.Result r = src.await();
            assertEquals(50_000, r.sent(), r.toString());
            assertFalse(r.deviceGone());
            long worst = 0;
            String where = "";
            int j = 0;
            for (int i = 0; i < n; i++) {
                while (j < n && t[j] - t[i] < 5_000_000L) {
                    j++;
                }
                if (j == n) {
                    break;
                }
                long allowed = RATE * (t[j] - t[i]) / 1_000_000_000L;
                long excess = sent[j] - sent[i] - allowed;
                if (excess > worst) {
                    worst = excess;
                    where = (sent[j] - sent[i]) + " frames in " + (t[j] - t[i]) / 1000 + " us from frame " + sent[i];
                }
            }
            assertTrue(n > 100, "too few samples: " + n);
            assertTrue(worst <= MOST_AHEAD, "a burst ahead of the rate by " + worst + " frames (at most " + MOST_AHEAD + "): " + where);
        }
    }
}
