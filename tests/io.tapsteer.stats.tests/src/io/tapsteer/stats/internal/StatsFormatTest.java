package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.Rate;
import io.tapsteer.stats.Balances;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.stats.StatsJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text and JSON forms the shell and the GUI print. */
class StatsFormatTest {

    private static DeviceStats sample() {
        Counters q0 = new Counters("queue", 0);
        q0.addRxBatch(64, 64 * 100);
        q0.addRxBatch(36, 36 * 100);
        Counters q1 = new Counters("queue", 1);
        q1.addRxBatch(300, 300 * 100);
        q1.addDrops(DropReason.LANE_FULL, 7);
        Rate window = new Rate(0, 0, 2_000_000_000L);
        List<QueueStats> queues = List.of(new QueueStats(q0.snapshot(), new Rate(50, 40_000, window.windowNanos()), window, 0.25),
                new QueueStats(q1.snapshot(), new Rate(150, 120_000, window.windowNanos()), window, 0.75));
        KernelView k = new KernelView(false, "device \"x\" vanished", null, 0, 0, 400, 393, 7, 0, 0, "kernel counters unavailable");
        List<FlowStats> flows = List.of(new FlowStats(42, "udp 198.51.100.1:10000 > 203.0.113.1:80", 120, 12_000, 3, 1, 1, 0.3));
        return new DeviceStats("tap0", 9, 1, 1_700_000_000_000L, "rss", queues, List.of(), new Rate(200, 160_000, window.windowNanos()),
                window, Balances.of(new int[] {0, 1}, new long[] {100, 300}),
                Balances.of("lane", new int[] {0, 1}, new long[] {100, 300}), k, flows, 400);
    }

    @Test
    void textShowsTheQueueTableVerdictKernelAndFlows() {
        String text = StatsFormat.report(sample());
        String[] lines = text.split(System.lineSeparator());
        assertEquals("device tap0  strategy rss  sample 9  window 2.0 s", lines[0]);
        assertEquals("queue    rx packets       rx bytes    rx pps  rx bit/s   share    drops  fallback", lines[1]);
        assertEquals("0               100          10000        50     40.0k   25.0%        0         0", lines[2]);
        assertEquals("1               300          30000       150      120k   75.0%        7         0", lines[3]);
        assertEquals("total           400          40000       200      160k  100.0%        7         0", lines[4]);
        assertEquals("balance: skewed: queue 1 carries 1.50x the mean, 75.0% of packets (CV 0.50, Jain 0.800)", lines[5]);
        assertTrue(lines[6].startsWith("kernel:  kernel counters unavailable"), lines[6]);
        assertEquals("top flows:", lines[7]);
        assertEquals("   #      packets   share  queue  lane  flow", lines[8]);
        assertEquals("   1         120~   30.0%      1     1  udp 198.51.100.1:10000 > 203.0.113.1:80", lines[9]);
    }

    @Test
    void siPrefixesKeepThreeDigits() {
        assertEquals("950", StatsFormat.si(950));
        assertEquals("1.23k", StatsFormat.si(1234));
        assertEquals("45.7M", StatsFormat.si(45_678_000));
        assertEquals("789G", StatsFormat.si(789e9));
        assertEquals("12.5", StatsFormat.si(12.5));
    }

    @Test
    void jsonHasTheDocumentedKeysAndEscapes() {
        String json = StatsJson.device(sample());
        assertTrue(json.startsWith("{\"device\":\"tap0\",\"sequence\":9,\"time_ms\":1700000000000,\"strategy\":\"rss\",\"window_s\":2,"), json);
        assertTrue(json.contains("\"rx\":{\"packets\":400,\"bytes\":40000,\"pps\":200,\"bps\":160000}"), json);
        assertTrue(json.contains("\"drops\":{\"pool-exhausted\":0,\"lane-full\":7,\"handler-error\":0,\"malformed\":0}"), json);
        assertTrue(json.contains("\"batch_sizes\":{\"1\":0,\"2-3\":0,\"4-7\":0,\"8-15\":0,\"16-31\":0,\"32-63\":1,\"64-127\":1,\"128+\":0}"), json);
        assertTrue(json.contains("\"balance\":{\"verdict\":\"skewed\""), json);
        assertTrue(json.contains("\"lane_balance\":{\"verdict\":\"skewed\",\"text\":\"skewed: lane 1 carries"), json);
        assertTrue(json.contains("\"reason\":\"device \\\"x\\\" vanished\""), json);
        assertTrue(json.contains("\"top_flows\":[{\"rank\":1,\"flow\":\"udp 198.51.100.1:10000 > 203.0.113.1:80\",\"key\":42,"
                + "\"packets\":120,\"bytes\":12000,\"error\":3,\"share\":0.3,\"queue\":1,\"lane\":1}]"), json);
        assertTrue(json.endsWith(",\"flow_packets\":400}"), json);
        assertEquals(count(json, '{'), count(json, '}'));
        assertEquals(count(json, '['), count(json, ']'));
    }

    @Test
    void historyJsonListsRatesPerSample() {
        DeviceStats s = sample();
        assertEquals("{\"device\":\"tap0\",\"samples\":[{\"sequence\":9,\"time_ms\":1700000000000,\"rx_pps\":200,"
                + "\"rx_bps\":160000,\"queue_pps\":[50,150],\"verdict\":\"skewed\"}]}", StatsJson.history("tap0", List.of(s)));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
