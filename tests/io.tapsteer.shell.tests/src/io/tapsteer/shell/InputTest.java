package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        DemoReport r = new DemoReport("demo0", "automq", "automq", 10, 9, 1, new LabDrops(0, 0, 1, 0, 0, 0), false, true, 0, 0, 1.5, 4,
                List.of(new DemoReport.Queue(0, 9, 900, 1, Map.of("lane-full", 1L))));
        assertEquals("{\"device\":\"demo0\",\"strategy\":\"automq\",\"kernel_steering\":\"automq\",\"sent\":10,\"received\":9,"
                + "\"dropped\":1,\"dropped_lane_full\":1,\"device_gone\":false,\"misrouted\":0,\"predicted\":true,\"out_of_order\":0,\"flows\":4,\"seconds\":1.500,\"queues\":[{\"queue\":0,"
                + "\"rx_packets\":9,\"rx_bytes\":900,\"drops\":1,\"drops_lane_full\":1}]}", r.json());
    }
}
