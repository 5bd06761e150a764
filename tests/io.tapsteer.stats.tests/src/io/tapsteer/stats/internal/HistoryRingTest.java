package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.Rate;
import io.tapsteer.stats.Balances;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history ring and the choice of a rate window's start. */
class HistoryRingTest {

    private static DeviceStats at(long seq, long nanos) {
        return new DeviceStats("t", seq, nanos, 0, "x", List.of(), List.of(), Rate.NONE, Rate.NONE,
                Balances.of(new int[0], new long[0]), Balances.of(new int[0], new long[0]), null, List.of(), 0);
    }

    @Test
    void windowStartsAtTheNewestSampleNotYoungerThanTheWindow() {
        HistoryRing h = new HistoryRing(10);
        for (int i = 1; i <= 6; i++) {
            h.add(at(i, i * 1000L));
        }
        assertEquals(3, h.windowStart(3500, 6500).sequence(), "newest at or before 3500");
        assertEquals(3, h.windowStart(3000, 6500).sequence(), "exactly at the start counts");
        assertEquals(1, h.windowStart(100, 6500).sequence(), "window longer than the history: the oldest");
        assertEquals(5, h.windowStart(5500, 6000).sequence(), "samples at or after the end do not qualify");
        assertNull(h.windowStart(0, 1000), "nothing before the end");
    }

    @Test
    void wrapsAroundKeepingTheNewest() {
        HistoryRing h = new HistoryRing(3);
        for (int i = 1; i <= 5; i++) {
            h.add(at(i, i));
        }
        assertEquals(List.of(3L, 4L, 5L), h.list().stream().map(DeviceStats::sequence).toList());
        assertEquals(5, h.latest().sequence());
        assertEquals(3, h.windowStart(0, 100).sequence());
    }

    @Test
    void tooShortAHistoryIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HistoryRing(1));
        assertEquals("history of 1 samples is too short: keep at least 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Settings.of(5, 5, 300, 10, 256, true, true));
        assertEquals("interval 5 ms is out of range: use 10 to 60000 ms", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Settings.of(1000, 300, 300, 10, 256, true, true));
        assertEquals("window of 300 samples is out of range: use 1 to 299 (less than the history)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Settings.of(1000, 5, 300, 10, 256, true, true, -1));
        assertEquals("flow half-life -1 s is out of range: use 0 (count since tracking began) or 1 to 86400 seconds", e.getMessage());
        assertEquals(60_000_000_000L, Settings.DEFAULT.flowHalfLifeNanos(), "top flows fade by half every minute by default");
        assertEquals(Settings.of(1000, 5, 300, 10, 256, true, true, 60), Settings.DEFAULT, "the defaults of StatsComponent.Config");
    }
}
