package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.rss.RssInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad command input is refused with what was wrong and what is allowed; good input is read exactly. */
class InputTest {
    private final RssCommands rss = new RssCommands();

    @Test
    void rssHashGivesTheFirstMicrosoftVectorForTheTwoAndFourTuple() {
        assertEquals("0x323e8fc2", rss.hash("", "66.9.149.187", "161.142.100.80").toString());
        assertEquals("0x51ccc178", rss.hash("", "66.9.149.187", "161.142.100.80", 2794, 1766).toString());
    }

    @Test
    void rssHashRefusesHostNamesPortsAndShortKeys() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rss.hash("", "example.org", "192.0.2.1")).getMessage()
                .contains("is not an IP address: give IPv4 (192.0.2.1) or IPv6 (2001:db8::1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rss.hash("", "192.0.2.1", "192.0.2.2", 70000, 1)).getMessage()
                .contains("source port 70000 is out of range: use 0 to 65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rss.hash("6d5a56da", "192.0.2.1", "192.0.2.2", 1, 2)).getMessage()
                .contains("key of 4 bytes is too short for a 12-byte tuple"));
    }

    @Test
    void keysArePlainOrColonSeparatedHex() {
        assertArrayEquals(new byte[] {0x6d, 0x5a, 0x56}, RssInput.key("6d5a56"));
        assertArrayEquals(new byte[] {0x6d, 0x5a, 0x56}, RssInput.key("6d:5a:56"));
        assertThrows(IllegalArgumentException.class, () -> RssInput.key("6d:5a5:6"));
        assertThrows(IllegalArgumentException.class, () -> RssInput.key("zz"));
    }

    @Test
    void endpointsTakeIpv4AndBracketedIpv6() {
        RssInput.Endpoint v4 = RssInput.endpoint("--src", "192.0.2.1:80");
        assertEquals(80, v4.port());
        assertEquals(4, v4.address().length);
        RssInput.Endpoint v6 = RssInput.endpoint("--dst", "[2001:db8::1]:443");
        assertEquals(443, v6.port());
        assertEquals(16, v6.address().length);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RssInput.endpoint("--dst", "2001:db8::1:443")).getMessage()
                .contains("put an IPv6 address in brackets"));
    }

    @Test
    void labOptionsNameTheBadValue() {
        List<TrafficSource.Mix> all = LabOptions.mixes("ipv4-udp,ipv4-tcp,ipv6-tcp,ipv6-udp");
        assertEquals(4, all.size());
        assertEquals("--queues 0 is out of range: 1 to 256", assertThrows(IllegalArgumentException.class,
                () -> new LabOptions(0, 1024, 5, 0, all, "automq", "auto")).getMessage());
        assertEquals("--kernel-steering 'bpf' is unknown: use auto, ebpf or automq", assertThrows(IllegalArgumentException.class,
                () -> new LabOptions(4, 1024, 5, 0, all, "automq", "bpf")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabOptions.mixes("ipv4-udp,sctp")).getMessage()
                .startsWith("--mix 'sctp' is unknown"));
    }

    @Test
    void theDemoJsonHasTheDocumentedKeys() {
        DemoReport r = new DemoReport("demo0", "automq", "automq", 10, 9, 1, new LabDrops(0, 0, 1, 0, 0, 0), false, true, 0, 0, 1.5004, 4,
                List.of(new DemoReport.Queue(0, 9, 900, 1, Map.of("lane-full", 1L))));
        JsonObject j = JsonParser.parseString(r.json()).getAsJsonObject();
        assertEquals(List.of("device", "strategy", "kernel_steering", "sent", "received", "dropped", "dropped_lane_full",
                "device_gone", "misrouted", "predicted", "out_of_order", "flows", "seconds", "queues"), List.copyOf(j.keySet()));
        assertEquals("demo0", j.get("device").getAsString());
        assertEquals("automq", j.get("strategy").getAsString());
        assertEquals("automq", j.get("kernel_steering").getAsString());
        assertEquals(10, j.get("sent").getAsLong());
        assertEquals(9, j.get("received").getAsLong());
        assertEquals(1, j.get("dropped").getAsLong());
        assertEquals(1, j.get("dropped_lane_full").getAsLong());
        assertFalse(j.get("device_gone").getAsBoolean());
        assertEquals(0, j.get("misrouted").getAsLong());
        assertTrue(j.get("predicted").getAsBoolean());
        assertEquals(0, j.get("out_of_order").getAsLong());
        assertEquals(4, j.get("flows").getAsInt());
        assertEquals(1.5, j.get("seconds").getAsDouble(), 0, "seconds to the millisecond");
        JsonArray queues = j.getAsJsonArray("queues");
        assertEquals(1, queues.size());
        JsonObject q = queues.get(0).getAsJsonObject();
        assertEquals(List.of("queue", "rx_packets", "rx_bytes", "drops", "drops_lane_full"), List.copyOf(q.keySet()));
        assertEquals(0, q.get("queue").getAsInt());
        assertEquals(9, q.get("rx_packets").getAsLong());
        assertEquals(900, q.get("rx_bytes").getAsLong());
        assertEquals(1, q.get("drops").getAsLong());
        assertEquals(1, q.get("drops_lane_full").getAsLong());
    }

    /** Device and strategy names come from users and third-party bundles: every character must survive. */
    @Test
    void theDemoJsonKeepsEveryCharacterOfTheNames() {
        String device = "de\"mo\\0\u0000\u0007\n\u001b[1mé日本🚀";
        String strategy = "\"quoted\" \\back\\ \t\r\u2029 ñ";
        DemoReport r = new DemoReport(device, strategy, "user space", 1, 1, 0, new LabDrops(0, 0, 0, 0, 0, 0), false, false, 0, 0, 1, 1,
                List.of());
        String json = r.json();
        assertFalse(json.contains("\n") || json.contains("\u0000") || json.contains("\u001b"), "control characters escaped: " + json);
        JsonObject j = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(device, j.get("device").getAsString());
        assertEquals(strategy, j.get("strategy").getAsString());
    }
}
