package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.EthtoolText;
import io.tapsteer.rss.TableSpec;
import org.junit.jupiter.api.Test;

/** ethtool conventions: key text, table specs, the ethtool -x layout, and round trips. */
class EthtoolTextTest {
    static final String DEFAULT_KEY = "6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0:d0:ca:2b:cb:"
            + "ae:7b:30:b4:77:cb:2d:a3:80:30:f2:0c:6a:42:b7:3b:be:ac:01:fa";

    @Test
    void keyRoundTripsThroughColonHex() {
        assertEquals(DEFAULT_KEY, EthtoolText.formatKey(RssConfig.DEFAULT_KEY));
        assertArrayEquals(RssConfig.DEFAULT_KEY, EthtoolText.parseKey(DEFAULT_KEY));
        assertArrayEquals(new byte[] {0x0a, (byte) 0xff}, EthtoolText.parseKey("a:FF"));
    }

    @Test
    void badKeyNamesTheByte() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EthtoolText.parseKey("6d:5g:56"));
        assertEquals("key '6d:5g:56' is not hex bytes: 'g' in '5g' is not a hex digit (0-9, a-f); give hex bytes, plain (6d5a56da...)"
                + " or separated by colons or spaces (6d:5a:56:da:...; one or two digits a byte between separators)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EthtoolText.parseKey("6d::56"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EthtoolText.parseKey(" ")).getMessage().startsWith("key '' is not hex bytes: it is empty"));
    }

    @Test
    void theConfigurationTakesEveryKeyFormTheFrontEndsTake() {
        assertArrayEquals(new byte[] {0x6d, 0x5a}, EthtoolText.parseKey("6d5a"));
        assertArrayEquals(new byte[] {0x6d, 0x5a}, EthtoolText.parseKey("6d 5a"));
    }

    @Test
    void hashTypesRoundTrip() {
        assertEquals("ipv4,tcp4,udp4,ipv6,tcp6,udp6,ipv6ex,tcp6ex,udp6ex", EthtoolText.formatHashTypes(HashType.ALL));
        assertEquals(HashType.ALL, EthtoolText.parseHashTypes("all"));
        assertEquals(0, EthtoolText.parseHashTypes("none"));
        int m = HashType.TCPv4.bit() | HashType.UDP_EX.bit();
        assertEquals(m, EthtoolText.parseHashTypes(EthtoolText.formatHashTypes(m)));
        assertEquals(m, EthtoolText.parseHashTypes("TCPv4, udp6ex"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EthtoolText.parseHashTypes("tcp4,tcp5"));
        assertEquals("unknown hash type 'tcp5': allowed are ipv4, tcp4, udp4, ipv6, tcp6, udp6, ipv6ex, tcp6ex, udp6ex", e.getMessage());
    }

    @Test
    void equalStartAndWeightFillTheTableLikeEthtool() {
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, TableSpec.parse("size 8 equal 3").build(99));
        assertArrayEquals(new int[] {2, 3, 2, 3, 2, 3, 2, 3}, TableSpec.parse("size 8 start 2 equal 2").build(99));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1, 2, 2}, TableSpec.parse("size 8 weight 1 2 1").build(99));
        assertArrayEquals(new int[] {1, 1, 1, 1, 3, 3, 3, 3}, TableSpec.parse("size 8 start 1 weight 1 0 1").build(99));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2}, TableSpec.parse("size 8").build(5));
        assertEquals(128, TableSpec.parse("equal 4").size());
        assertEquals(6, TableSpec.parse("start 2 equal 4").queuesNeeded());
    }

    @Test
    void tableSpecRoundTripsThroughText() {
        for (String s : new String[] {"default", "equal 4", "size 16 start 3 weight 1 2 3", "size 4096 equal 1"}) {
            assertEquals(s, TableSpec.parse(s).toString());
            assertEquals(TableSpec.parse(s), TableSpec.parse(TableSpec.parse(s).toString()));
        }
    }

    @Test
    void badTableSpecsSayWhatIsAllowed() {
        assertEquals("indirection table size 100 is not allowed: use a power of two from 1 to 4096",
                message(() -> TableSpec.parse("size 100 equal 2")));
        assertEquals("indirection table size 8192 is not allowed: use a power of two from 1 to 4096",
                message(() -> TableSpec.parse("size 8192")));
        assertEquals("weight needs at least one non-zero weight, as in 'weight 1 1 2'", message(() -> TableSpec.parse("weight 0 0")));
        assertEquals("total weight 9 exceeds the table size 8: use smaller weights or a larger size",
                message(() -> TableSpec.parse("size 8 weight 4 5")));
        assertEquals("indirection table 'spread 4': unknown word 'spread'; allowed is [size N] [start N] (default | equal N | weight W0 W1 ...)",
                message(() -> TableSpec.parse("spread 4")));
        assertTrue(message(() -> TableSpec.parse("start 2")).contains("start needs equal or weight"));
        assertTrue(message(() -> TableSpec.parse("equal 0")).contains("at least 1 queue"));
        assertTrue(message(() -> TableSpec.parse("equal x")).contains("'x' is not a number"));
        assertTrue(message(() -> TableSpec.parse("equal 2 weight 1 1")).contains("one of default, equal, weight"));
    }

    @Test
    void indirectionOutputHasTheEthtoolLayout() {
        RssConfig c = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, new int[] {0, 1, 2, 3, 0, 1, 2, 3, 3, 2, 1, 0, 3, 2, 1, 0}, 0, true);
        String expected = "RX flow hash indirection table for tap0 with 4 RX ring(s):\n"
                + "    0:      0     1     2     3     0     1     2     3\n"
                + "    8:      3     2     1     0     3     2     1     0\n"
                + "RSS hash key:\n" + DEFAULT_KEY + "\n"
                + "RSS hash function:\n    toeplitz: on\n    xor: off\n    crc32: off\n";
        assertEquals(expected, EthtoolText.formatIndirection("tap0", 4, c));
    }

    @Test
    void indirectionOutputRoundTrips() {
        RssConfig c = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, TableSpec.parse("size 128 weight 3 1 4 1 5").build(5), 0, true);
        EthtoolText.Indirection back = EthtoolText.parseIndirection(EthtoolText.formatIndirection("tap0", 5, c));
        assertEquals(5, back.queues());
        assertArrayEquals(c.table(), back.table());
        assertArrayEquals(c.key(), back.key());
        RssConfig small = new RssConfig(new byte[] {1, 2, 3}, 0, new int[] {7, 6, 5, 4}, 0, true);
        EthtoolText.Indirection back4 = EthtoolText.parseIndirection(EthtoolText.formatIndirection("x", 8, small));
        assertArrayEquals(small.table(), back4.table());
        assertArrayEquals(new byte[] {1, 2, 3}, back4.key());
    }

    @Test
    void textWithoutATableIsRefused() {
        assertTrue(message(() -> EthtoolText.parseIndirection("RSS hash key:\n6d:5a\n")).startsWith("no indirection table found"));
        assertTrue(message(() -> EthtoolText.parseIndirection("    8:      3     2\n")).contains("starts at slot 8 but 0 was expected"));
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
