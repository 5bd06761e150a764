package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.Flows;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.Toeplitz;
import io.tapsteer.testsupport.Fragments;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Microsoft's RSS rule that virtio-net follows: a fragmented datagram is hashed as "no TCP/UDP
 * header", by its addresses alone, the first fragment (which carries the header) included; and a
 * TCP or UDP header not complete in the frame is "no TCP/UDP header" too. The expected hashes are
 * the bit-by-bit Toeplitz over the addresses the frames were built from.
 */
class FragmentHashTest {
    private static final int NO_EX = HashType.ALL & ~(HashType.IP_EX.bit() | HashType.TCP_EX.bit() | HashType.UDP_EX.bit());

    private static RssEngine engine(int types) {
        return new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, types, RssConfig.equalTable(128, 8), 7, false));
    }

    private static long decide(RssEngine e, byte[] f) {
        return e.decide(ByteBuffer.wrap(f), 0, f.length);
    }

    /** @return the Toeplitz hash of flow i's addresses, or with {@code ex} the _EX addresses of {@link Fragments#exHeaders} */
    private static int addressHash(boolean ipv6, int flow, boolean ex) {
        ByteBuffer t = ByteBuffer.allocate(ipv6 ? 32 : 8);
        if (ipv6) {
            byte[] home = Flows.ipv6Source(flow);
            home[5] = 3;
            byte[] careOf = Flows.ipv6Source(flow);
            careOf[5] = 4;
            t.put(ex ? home : Flows.ipv6Source(flow)).put(ex ? careOf : Flows.ipv6Destination(flow));
        } else {
            t.put(Flows.ipv4Source(flow)).put(Flows.ipv4Destination(flow));
        }
        return Toeplitz.hashBitwise(RssConfig.DEFAULT_KEY, t.array(), 0, t.capacity());
    }

    @ParameterizedTest(name = "ipv6 {0}, protocol {1}, ex headers {2}")
    @CsvSource({"false, 6, false", "false, 17, false", "false, -1, false", "true, 6, false", "true, 17, false",
        "true, -1, false", "true, 6, true", "true, 17, true"})
    void everyFragmentIsHashedByItsAddressesTheFirstIncluded(boolean ipv6, int protocol, boolean ex) {
        for (int flow = 0; flow < 40; flow++) {
            Fragments d = new Fragments(ipv6, protocol, flow);
            if (ex) {
                d.exHeaders();
            }
            List<byte[]> fragments = d.cut(3);
            for (int types : new int[] {HashType.ALL, NO_EX}) {
                RssEngine e = engine(types);
                boolean exReport = ipv6 && (types & HashType.IP_EX.bit()) != 0;
                HashReport report = !ipv6 ? HashReport.IPv4 : exReport ? HashReport.IPv6_EX : HashReport.IPv6;
                int hash = addressHash(ipv6, flow, exReport && ex);
                for (int k = 0; k < fragments.size(); k++) {
                    long decision = decide(e, fragments.get(k));
                    String what = "flow " + flow + " fragment " + k + " types 0x" + Integer.toHexString(types);
                    assertEquals(report, HashReport.of(RssEngine.reportOf(decision)), what);
                    assertEquals(hash, RssEngine.hashOf(decision), what);
                }
            }
            FlowKey first = FrameParser.parse(ByteBuffer.wrap(fragments.get(0)), 0, fragments.get(0).length, new FlowKey());
            assertTrue(first.isFragment());
            assertFalse(first.isLaterFragment());
            assertFalse(first.hasPorts(), "the first fragment's ports do not count");
            assertEquals(d.protocol(), first.protocol());
            assertTrue(first.reason().startsWith("fragment: no ports"), first.reason());
        }
    }

    @ParameterizedTest(name = "ipv6 {0}, protocol {1}")
    @CsvSource({"false, 6", "false, 17", "true, 6", "true, 17"})
    void theWholeDatagramKeepsItsPortsAndItsFragmentsShareOneQueue(boolean ipv6, int protocol) {
        RssEngine e = engine(HashType.ALL);
        int split = 0;
        for (int flow = 0; flow < 200; flow++) {
            Fragments d = new Fragments(ipv6, protocol, flow);
            long whole = decide(e, d.whole(Fragments.CHUNK * 3));
            HashReport ports = protocol == 6 ? (ipv6 ? HashReport.TCPv6 : HashReport.TCPv4) : (ipv6 ? HashReport.UDPv6 : HashReport.UDPv4);
            assertEquals(ports, HashReport.of(RssEngine.reportOf(whole)));
            List<byte[]> fragments = d.cut(4);
            int queue = e.queueOf(ByteBuffer.wrap(fragments.get(0)), 0, fragments.get(0).length);
            for (byte[] f : fragments) {
                assertEquals(queue, e.queueOf(ByteBuffer.wrap(f), 0, f.length), "flow " + flow);
            }
            split += e.queueOf(whole) != queue ? 1 : 0;
        }
        assertTrue(split > 100, "a 4-tuple hash of the first fragment would have split " + split + " of 200 datagrams");
    }

    @ParameterizedTest(name = "ipv6 {0}, protocol {1}")
    @CsvSource({"false, 6", "false, 17", "true, 6", "true, 17"})
    void aTcpOrUdpHeaderCutShortIsHashedByTheAddresses(boolean ipv6, int protocol) {
        for (int flow = 0; flow < 10; flow++) {
            Fragments d = new Fragments(ipv6, protocol, flow);
            for (int types : new int[] {HashType.ALL, NO_EX}) {
                RssEngine e = engine(types);
                for (int cut = 0; cut < d.l4Header(); cut++) {
                    long decision = decide(e, d.cutInto(cut));
                    String what = "flow " + flow + ", " + cut + " of " + d.l4Header() + " header bytes";
                    assertEquals(ipv6 ? HashReport.IPv6 : HashReport.IPv4, HashReport.of(RssEngine.reportOf(decision)), what);
                    assertEquals(addressHash(ipv6, flow, false), RssEngine.hashOf(decision), what);
                }
                long complete = decide(e, d.cutInto(d.l4Header()));
                assertTrue(io.tapsteer.rss.HashCascade.hasPorts(RssEngine.reportOf(complete)), "the complete header has ports");
            }
            byte[] short3 = d.cutInto(3);
            FlowKey k = FrameParser.parse(ByteBuffer.wrap(short3), 0, short3.length, new FlowKey());
            assertTrue(k.classified(), "a cut-short header leaves the frame classified");
            assertFalse(k.hasPorts());
            assertEquals("TCP or UDP header not complete in the frame: no ports", k.reason());
        }
    }

    @ParameterizedTest(name = "ipv6 {0}")
    @CsvSource({"false", "true"})
    void withOnlyPortTypesEnabledFragmentsAndCutHeadersAreUnclassified(boolean ipv6) {
        int ports = ipv6 ? HashType.TCPv6.bit() | HashType.UDPv6.bit() : HashType.TCPv4.bit() | HashType.UDPv4.bit();
        RssEngine e = engine(ports);
        Fragments d = new Fragments(ipv6, 17, 5);
        for (byte[] f : d.cut(3)) {
            assertEquals(7, e.queueOf(ByteBuffer.wrap(f), 0, f.length), "no enabled type covers a fragment");
        }
        byte[] cut = d.cutInto(7);
        assertEquals(7, e.queueOf(ByteBuffer.wrap(cut), 0, cut.length));
        assertEquals(HashReport.of(ipv6 ? 6 : 3), HashReport.of(RssEngine.reportOf(decide(e, d.whole(64)))));
    }

    @ParameterizedTest(name = "MF {0}, offset {1}")
    @CsvSource({"false, 0, false", "true, 0, true", "true, 185, true", "false, 185, true"})
    void anIpv4FragmentIsMfOrAnOffsetNotTheDontFragmentFlag(boolean more, int offset, boolean fragment) {
        byte[] f = new Fragments(false, 6, 9).whole(64);
        ByteBuffer b = ByteBuffer.wrap(f);
        b.putShort(14 + 6, (short) (0x4000 | (more ? 0x2000 : 0) | offset)); // DF set as well
        int report = RssEngine.reportOf(decide(engine(HashType.ALL), f));
        assertEquals(fragment ? HashReport.IPv4 : HashReport.TCPv4, HashReport.of(report));
    }
}
