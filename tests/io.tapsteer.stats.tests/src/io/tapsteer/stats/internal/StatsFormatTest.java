package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
    void jsonHasTheDocumentedKeysInOrder() {
        JsonObject j = parse(StatsJson.device(sample()));
        assertEquals(List.of("device", "sequence", "time_ms", "strategy", "window_s", "rx", "tx", "queues", "lanes", "balance",
                "lane_balance", "kernel", "top_flows", "flow_packets"), List.copyOf(j.keySet()));
        assertEquals(List.of("queue", "rx_packets", "rx_bytes", "tx_packets", "tx_bytes", "drops", "fallbacks", "batches",
                "batch_sizes", "rx_pps", "rx_bps", "tx_pps", "tx_bps", "share"),
                List.copyOf(j.getAsJsonArray("queues").get(0).getAsJsonObject().keySet()));
        assertEquals(List.of("verdict", "text", "queues", "hot_queue", "max_over_mean", "cv", "jain"),
                List.copyOf(j.getAsJsonObject("balance").keySet()));
    }

    @Test
    void jsonCarriesTheSnapshotsValues() {
        JsonObject j = parse(StatsJson.device(sample()));
        assertEquals("tap0", j.get("device").getAsString());
        assertEquals(9, j.get("sequence").getAsLong());
        assertEquals(1_700_000_000_000L, j.get("time_ms").getAsLong());
        assertEquals("rss", j.get("strategy").getAsString());
        assertEquals("2", j.get("window_s").toString(), "whole numbers have no fraction");
        JsonObject rx = j.getAsJsonObject("rx");
        assertEquals(400, rx.get("packets").getAsLong());
        assertEquals(40_000, rx.get("bytes").getAsLong());
        assertEquals(200, rx.get("pps").getAsLong());
        assertEquals(160_000, rx.get("bps").getAsLong());
        JsonObject q1 = j.getAsJsonArray("queues").get(1).getAsJsonObject();
        assertEquals(1, q1.get("queue").getAsInt());
        assertEquals(300, q1.get("rx_packets").getAsLong());
        assertEquals(0.75, q1.get("share").getAsDouble(), 0);
        JsonObject drops = q1.getAsJsonObject("drops");
        assertEquals(List.of("pool-exhausted", "lane-full", "handler-error", "malformed"), List.copyOf(drops.keySet()));
        assertEquals(7, drops.get("lane-full").getAsLong());
        JsonObject sizes = q1.getAsJsonObject("batch_sizes");
        assertEquals(List.of("1", "2-3", "4-7", "8-15", "16-31", "32-63", "64-127", "128+"), List.copyOf(sizes.keySet()));
        assertEquals(1, j.getAsJsonArray("queues").get(0).getAsJsonObject().getAsJsonObject("batch_sizes").get("32-63").getAsLong());
        assertEquals("skewed", j.getAsJsonObject("balance").get("verdict").getAsString());
        assertTrue(j.getAsJsonObject("lane_balance").get("text").getAsString().startsWith("skewed: lane 1 carries"), j.toString());
        assertTrue(j.getAsJsonArray("lanes").isEmpty());
        JsonObject kernel = j.getAsJsonObject("kernel");
        assertFalse(kernel.get("available").getAsBoolean());
        assertEquals("device \"x\" vanished", kernel.get("reason").getAsString());
        assertEquals(393, kernel.get("tapsteer_delivered").getAsLong());
        JsonObject flow = j.getAsJsonArray("top_flows").get(0).getAsJsonObject();
        assertEquals(1, flow.get("rank").getAsInt());
        assertEquals("udp 198.51.100.1:10000 > 203.0.113.1:80", flow.get("flow").getAsString());
        assertEquals(42, flow.get("key").getAsLong());
        assertEquals(120, flow.get("packets").getAsLong());
        assertEquals(3, flow.get("error").getAsLong());
        assertEquals(0.3, flow.get("share").getAsDouble(), 0);
        assertEquals(400, j.get("flow_packets").getAsLong());
    }

    /** Device and strategy names come from users and kernels: every character must survive the JSON. */
    @Test
    void namesWithQuotesBackslashesControlsAndNonAsciiRoundTrip() {
        String device = "tap\"0\\x\u0001\n\t\u007f\u2028é网🚀";
        String strategy = "my \"rss\"\\\r\u001f ü";
        DeviceStats s = sample();
        DeviceStats named = new DeviceStats(device, s.sequence(), s.timeNanos(), s.wallMillis(), strategy, s.queues(), s.lanes(),
                s.rxRate(), s.txRate(), s.balance(), s.laneBalance(), s.kernel(), s.topFlows(), s.flowPackets());
        String json = StatsJson.device(named);
        assertFalse(json.contains("\n") || json.contains("\u0001"), "control characters are escaped: " + json);
        JsonObject j = parse(json);
        assertEquals(device, j.get("device").getAsString());
        assertEquals(strategy, j.get("strategy").getAsString());
        assertEquals(device, parse(StatsJson.history(device, List.of(named))).get("device").getAsString());
    }

    @Test
    void historyJsonListsRatesPerSample() {
        JsonObject h = parse(StatsJson.history("tap0", List.of(sample())));
        assertEquals("tap0", h.get("device").getAsString());
        JsonArray samples = h.getAsJsonArray("samples");
        assertEquals(1, samples.size());
        JsonObject s = samples.get(0).getAsJsonObject();
        assertEquals(List.of("sequence", "time_ms", "rx_pps", "rx_bps", "queue_pps", "verdict"), List.copyOf(s.keySet()));
        assertEquals(9, s.get("sequence").getAsLong());
        assertEquals(1_700_000_000_000L, s.get("time_ms").getAsLong());
        assertEquals(200, s.get("rx_pps").getAsLong());
        assertEquals(160_000, s.get("rx_bps").getAsLong());
        assertEquals("[50,150]", s.getAsJsonArray("queue_pps").toString());
        assertEquals("skewed", s.get("verdict").getAsString());
    }

    private static JsonObject parse(String json) {
        assertFalse(json.contains("\n"), "one line: " + json);
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
