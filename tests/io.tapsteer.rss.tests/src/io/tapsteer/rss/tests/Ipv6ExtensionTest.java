package io.tapsteer.rss.tests;

import static io.tapsteer.testsupport.Ipv6Frames.CARE_OF_DST;
import static io.tapsteer.testsupport.Ipv6Frames.DST;
import static io.tapsteer.testsupport.Ipv6Frames.HOME;
import static io.tapsteer.testsupport.Ipv6Frames.SRC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.Toeplitz;
import io.tapsteer.testsupport.Ipv6Frames;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IPv6 cascade and the _EX types on hand-built frames with extension headers. */
class Ipv6ExtensionTest {
    static final int NO_EX = HashType.ALL & ~(HashType.IP_EX.bit() | HashType.TCP_EX.bit() | HashType.UDP_EX.bit());
    static final Toeplitz T = new Toeplitz(RssConfig.DEFAULT_KEY);

    static long decide(int types, byte[] frame) {
        RssEngine e = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, types, RssConfig.equalTable(64, 4), 3, false));
        return e.decide(ByteBuffer.wrap(frame), 0, frame.length);
    }

    static int hash(byte[] src, byte[] dst, int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(36).put(src).put(dst);
        if (sport < 0) {
            return T.hash(b.array(), 0, 32);
        }
        b.putShort((short) sport).putShort((short) dport);
        return T.hash(b.array(), 0, 36);
    }

    static void assertDecision(HashReport report, int hash, long decision) {
        assertEquals(report, HashReport.of(RssEngine.reportOf(decision)), "hash report");
        assertEquals(hash, RssEngine.hashOf(decision), "hash");
    }

    @Test
    void plainTcpIsTcpv6EvenWithExTypesEnabled() {
        byte[] f = new Ipv6Frames().tcp(1000, 80);
        assertDecision(HashReport.TCPv6, hash(SRC, DST, 1000, 80), decide(HashType.ALL, f));
    }

    @Test
    void tcpExHashesHomeAddressAndRoutingType2Address() {
        byte[] f = new Ipv6Frames().routing(2, CARE_OF_DST).homeAddress(HOME).tcp(1000, 80);
        assertDecision(HashReport.TCPv6_EX, hash(HOME, CARE_OF_DST, 1000, 80), decide(HashType.ALL, f));
    }

    @Test
    void ipExComesBeforeTcpv6ForFramesWithExtensionHeaders() {
        byte[] f = new Ipv6Frames().routing(2, CARE_OF_DST).homeAddress(HOME).tcp(1000, 80);
        int types = HashType.ALL & ~(HashType.TCP_EX.bit() | HashType.UDP_EX.bit());
        assertDecision(HashReport.IPv6_EX, hash(HOME, CARE_OF_DST, -1, 0), decide(types, f));
    }

    @Test
    void withoutExTypesTheHeaderAddressesAreHashed() {
        byte[] f = new Ipv6Frames().routing(2, CARE_OF_DST).homeAddress(HOME).tcp(1000, 80);
        assertDecision(HashReport.TCPv6, hash(SRC, DST, 1000, 80), decide(NO_EX, f));
        assertDecision(HashReport.IPv6, hash(SRC, DST, -1, 0), decide(HashType.IPv6.bit(), f));
    }

    @Test
    void udpExWithOnlyHomeAddressKeepsTheHeaderDestination() {
        byte[] f = new Ipv6Frames().homeAddress(HOME).udp(5353, 53);
        assertDecision(HashReport.UDPv6_EX, hash(HOME, DST, 5353, 53), decide(HashType.ALL, f));
    }

    @Test
    void routingHeaderOfAnotherTypeGivesNoExAddress() {
        byte[] f = new Ipv6Frames().routing(0, CARE_OF_DST).udp(5353, 53);
        assertDecision(HashReport.UDPv6_EX, hash(SRC, DST, 5353, 53), decide(HashType.ALL, f));
    }

    @Test
    void hopByHopAloneMakesTheExTypeApplyWithHeaderAddresses() {
        byte[] f = new Ipv6Frames().hopByHop().tcp(1000, 80);
        assertDecision(HashReport.TCPv6_EX, hash(SRC, DST, 1000, 80), decide(HashType.ALL, f));
    }

    @Test
    void exTypesAloneDoNotCoverFramesWithoutExtensionHeaders() {
        byte[] f = new Ipv6Frames().tcp(1000, 80);
        long d = decide(HashType.TCP_EX.bit() | HashType.IP_EX.bit(), f);
        assertEquals(0, RssEngine.reportOf(d));
        RssEngine e = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.TCP_EX.bit(), RssConfig.equalTable(64, 4), 3, false));
        assertEquals(3, e.queueOf(ByteBuffer.wrap(f), 0, f.length), "unclassified queue");
    }

    @Test
    void everyFragmentHasNoPortsTheFirstOneToo() {
        byte[] first = new Ipv6Frames().fragment(0, true).tcp(1000, 80);
        byte[] later = new Ipv6Frames().fragment(185, false).tcp(1000, 80);
        byte[] atomic = new Ipv6Frames().fragment(0, false).tcp(1000, 80);
        for (byte[] f : new byte[][] {first, later, atomic}) {
            assertDecision(HashReport.IPv6, hash(SRC, DST, -1, 0), decide(NO_EX, f));
            assertDecision(HashReport.IPv6_EX, hash(SRC, DST, -1, 0), decide(HashType.ALL, f));
        }
    }

    @Test
    void theWalkStopsAtTheFragmentHeaderSoEveryFragmentHashesAlike() {
        // a Home Address option behind the fragment header is in the fragmentable part: not used
        byte[] first = new Ipv6Frames().routing(2, CARE_OF_DST).fragment(0, true).homeAddress(HOME).udp(7, 8);
        byte[] later = new Ipv6Frames().routing(2, CARE_OF_DST).fragment(185, false).homeAddress(HOME).udp(7, 8);
        assertDecision(HashReport.IPv6_EX, hash(SRC, CARE_OF_DST, -1, 0), decide(HashType.ALL, first));
        assertDecision(HashReport.IPv6_EX, hash(SRC, CARE_OF_DST, -1, 0), decide(HashType.ALL, later));
    }

    @Test
    void tooManyExtensionHeadersFallBackToAddressesOnly() {
        Ipv6Frames b = new Ipv6Frames();
        for (int i = 0; i <= FrameParser.MAX_EXTENSION_HEADERS; i++) {
            b.destinationOptions();
        }
        byte[] f = b.tcp(1000, 80);
        assertDecision(HashReport.IPv6, hash(SRC, DST, -1, 0), decide(NO_EX, f));
        Ipv6Frames ok = new Ipv6Frames();
        for (int i = 0; i < FrameParser.MAX_EXTENSION_HEADERS; i++) {
            ok.destinationOptions();
        }
        assertDecision(HashReport.TCPv6, hash(SRC, DST, 1000, 80), decide(NO_EX, ok.tcp(1000, 80)));
    }

    @Test
    void truncatedExtensionHeaderIsUnclassified() {
        byte[] f = new Ipv6Frames().routing(2, CARE_OF_DST).tcp(1000, 80);
        assertEquals(0, RssEngine.reportOf(decide(HashType.ALL, java.util.Arrays.copyOf(f, 14 + 40 + 20))));
    }

    @Test
    void explainListsTheExFieldsInHashInputOrder() {
        byte[] f = new Ipv6Frames().routing(2, CARE_OF_DST).homeAddress(HOME).tcp(1000, 80);
        RssEngine e = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(64, 4), 3, false));
        Explanation x = e.explain(ByteBuffer.wrap(f), 0, f.length);
        assertEquals(List.of("home-address", "rt2-address", "src-port", "dst-port"),
                x.fields().stream().map(Explanation.Field::name).toList());
        assertArrayEquals(HOME, x.fields().get(0).bytes());
        assertArrayEquals(CARE_OF_DST, x.fields().get(1).bytes());
        assertEquals("03e8", x.fields().get(2).hex());
        int h = hash(HOME, CARE_OF_DST, 1000, 80);
        assertEquals(h & 0xffffffffL, x.hash());
        assertEquals("tcp6ex", x.hashType());
        assertEquals(h & 63, x.slot());
        assertEquals((h & 63) % 4, x.queue());
        assertTrue(x.toString().contains(String.format("hash 0x%08x (tcp6ex)", h)), x.toString());
    }
}
