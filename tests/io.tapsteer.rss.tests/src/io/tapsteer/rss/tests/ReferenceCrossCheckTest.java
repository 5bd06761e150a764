package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.Toeplitz;
import io.tapsteer.testsupport.Ipv6Frames;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine against a second, deliberately naive implementation: the specification's cascade
 * written out from the flow key, the tuple copied together byte by byte, and the bit-by-bit
 * Toeplitz loop. Many flows, random hash-type masks and random keys.
 */
class ReferenceCrossCheckTest {
    @Test
    void engineAgreesWithTheNaiveReference() {
        Random r = new Random(44);
        FrameBuilder fb = new FrameBuilder();
        FlowKey key = new FlowKey();
        for (int i = 0; i < 3000; i++) {
            byte[] rssKey = new byte[40];
            r.nextBytes(rssKey);
            int types = r.nextInt(HashType.ALL + 1);
            byte[] frame = frame(r, fb, i);
            RssEngine engine = new RssEngine(new RssConfig(rssKey, types, RssConfig.equalTable(128, 7), 6, false));
            long d = engine.decide(ByteBuffer.wrap(frame), 0, frame.length);
            FrameParser.parse(ByteBuffer.wrap(frame), 0, frame.length, key);
            HashReport expected = cascade(key, types);
            assertEquals(expected, HashReport.of(RssEngine.reportOf(d)), "report of frame " + i + " types " + types);
            if (expected != HashReport.NONE) {
                byte[] tuple = tuple(key, expected);
                assertEquals(Toeplitz.hashBitwise(rssKey, tuple, 0, tuple.length), RssEngine.hashOf(d), "hash of frame " + i);
            }
        }
    }

    private static byte[] frame(Random r, FrameBuilder fb, int i) {
        switch (r.nextInt(4)) {
            case 0: {
                Ipv6Frames b = new Ipv6Frames();
                if (r.nextBoolean()) b.hopByHop();
                if (r.nextBoolean()) b.routing(2, Ipv6Frames.addr(r.nextInt(256)));
                if (r.nextBoolean()) b.homeAddress(Ipv6Frames.addr(r.nextInt(256)));
                if (r.nextBoolean()) b.fragment(r.nextBoolean() ? 0 : r.nextInt(1000), r.nextBoolean());
                return r.nextBoolean() ? b.tcp(r.nextInt(65536), r.nextInt(65536)) : b.udp(r.nextInt(65536), r.nextInt(65536));
            }
            case 1:
                return Flows.mixed(fb, i).vlan(FrameBuilder.TPID_8021Q, i & 0xfff).build();
            case 2:
                return Flows.mixed(fb, i).fragment(r.nextBoolean() ? 0 : 1 + r.nextInt(100), r.nextBoolean()).build();
            default:
                return Flows.mixed(fb, i).build();
        }
    }

    /** The virtio cascade, written from the specification's text: a fragment has no TCP/UDP header. */
    static HashReport cascade(FlowKey k, int types) {
        boolean tcp = k.hasPorts() && !k.isFragment() && k.protocol() == 6;
        boolean udp = k.hasPorts() && !k.isFragment() && k.protocol() == 17;
        if (k.family() == FlowKey.FAMILY_IPV4) {
            if (tcp && on(types, HashType.TCPv4)) return HashReport.TCPv4;
            if (udp && on(types, HashType.UDPv4)) return HashReport.UDPv4;
            return on(types, HashType.IPv4) ? HashReport.IPv4 : HashReport.NONE;
        }
        if (k.family() != FlowKey.FAMILY_IPV6) {
            return HashReport.NONE;
        }
        if (k.hasExtensionHeaders()) {
            if (tcp && on(types, HashType.TCP_EX)) return HashReport.TCPv6_EX;
            if (udp && on(types, HashType.UDP_EX)) return HashReport.UDPv6_EX;
            if (on(types, HashType.IP_EX)) return HashReport.IPv6_EX;
        }
        if (tcp && on(types, HashType.TCPv6)) return HashReport.TCPv6;
        if (udp && on(types, HashType.UDPv6)) return HashReport.UDPv6;
        return on(types, HashType.IPv6) ? HashReport.IPv6 : HashReport.NONE;
    }

    private static boolean on(int types, HashType t) {
        return (types & t.bit()) != 0;
    }

    static byte[] tuple(FlowKey k, HashReport r) {
        boolean ex = r == HashReport.IPv6_EX || r == HashReport.TCPv6_EX || r == HashReport.UDPv6_EX;
        boolean ports = r != HashReport.IPv4 && r != HashReport.IPv6 && r != HashReport.IPv6_EX;
        ByteBuffer b = ByteBuffer.allocate(36);
        if (k.family() == FlowKey.FAMILY_IPV4) {
            b.putInt((int) k.sourceLow()).putInt((int) k.destinationLow());
        } else {
            boolean home = ex && k.hasHomeAddress();
            boolean rt2 = ex && k.hasRoutingType2();
            b.putLong(home ? k.homeAddressHigh() : k.sourceHigh()).putLong(home ? k.homeAddressLow() : k.sourceLow());
            b.putLong(rt2 ? k.routingType2High() : k.destinationHigh()).putLong(rt2 ? k.routingType2Low() : k.destinationLow());
        }
        if (ports) {
            b.putShort((short) k.sourcePort()).putShort((short) k.destinationPort());
        }
        byte[] t = new byte[b.position()];
        System.arraycopy(b.array(), 0, t, 0, t.length);
        return t;
    }
}
