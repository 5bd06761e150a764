package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Parsed frames (Ethernet, VLAN/QinQ, IPv4 options and fragments, non-IP) and the RSS decisions their keys lead to. */
class ParsedFrameDecisionTest {
    static final byte[] A = {(byte) 192, 0, 2, 1};
    static final byte[] B = {(byte) 203, 0, 113, 9};
    static final RssEngine ENGINE = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL,
            RssConfig.equalTable(128, 8), 7, false));

    static FlowKey parse(byte[] f) {
        return FrameParser.parse(ByteBuffer.wrap(f), 0, f.length, new FlowKey());
    }

    static long decide(byte[] f) {
        return ENGINE.decide(ByteBuffer.wrap(f), 0, f.length);
    }

    @Test
    void vlanAndQinqTagsAreSkippedAndHashLikeTheUntaggedFrame() {
        byte[] plain = new FrameBuilder().ipv4(A, B).udp(1, 2).build();
        byte[] vlan = new FrameBuilder().vlan(FrameBuilder.TPID_8021Q, 100).ipv4(A, B).udp(1, 2).build();
        byte[] qinq = new FrameBuilder().vlan(FrameBuilder.TPID_8021AD, 10).vlan(FrameBuilder.TPID_8021Q, 20)
                .ipv4(A, B).udp(1, 2).build();
        assertEquals(HashReport.UDPv4.value(), RssEngine.reportOf(decide(plain)));
        assertEquals(decide(plain), decide(vlan));
        assertEquals(decide(plain), decide(qinq));
        assertEquals(1, parse(vlan).vlanTags());
        assertEquals(2, parse(qinq).vlanTags());
    }

    @Test
    void aThirdVlanTagIsUnclassified() {
        byte[] f = new FrameBuilder().vlan(FrameBuilder.TPID_8021AD, 1).vlan(FrameBuilder.TPID_8021Q, 2)
                .vlan(FrameBuilder.TPID_8021Q, 3).ipv4(A, B).udp(1, 2).build();
        assertFalse(parse(f).classified());
        assertEquals("more than 2 VLAN tags", parse(f).reason());
        assertEquals(7, ENGINE.queueOf(ByteBuffer.wrap(f), 0, f.length));
    }

    @Test
    void ipv4OptionsMoveThePorts() {
        byte[] plain = new FrameBuilder().ipv4(A, B).tcp(1234, 80).build();
        byte[] opts = new byte[plain.length + 4];
        System.arraycopy(plain, 0, opts, 0, 34);
        opts[34] = 1; // four NOP options
        opts[35] = 1;
        opts[36] = 1;
        opts[37] = 1;
        System.arraycopy(plain, 34, opts, 38, plain.length - 34);
        opts[14] = 0x46; // IHL 6
        FlowKey k = parse(opts);
        assertEquals(1234, k.sourcePort());
        assertEquals(80, k.destinationPort());
        assertEquals(decide(plain), decide(opts));
    }

    @Test
    void everyIpv4FragmentFallsBackToAddressesTheFirstOneToo() {
        byte[] first = new FrameBuilder().ipv4(A, B).tcp(1234, 80).fragment(0, true).build();
        byte[] later = new FrameBuilder().ipv4(A, B).tcp(1234, 80).fragment(185, false).build();
        byte[] whole = new FrameBuilder().ipv4(A, B).tcp(1234, 80).build();
        assertEquals(HashReport.TCPv4.value(), RssEngine.reportOf(decide(whole)));
        assertEquals(HashReport.IPv4.value(), RssEngine.reportOf(decide(first)));
        assertEquals(decide(first), decide(later));
        FlowKey k = parse(later);
        assertTrue(k.isFragment());
        assertTrue(k.isLaterFragment());
        assertFalse(k.hasPorts());
        assertEquals(HashType.IPv4.bit(), k.eligibleTypes());
        assertTrue(parse(first).isFragment());
        assertFalse(parse(first).isLaterFragment());
        assertFalse(parse(first).hasPorts());
    }

    @Test
    void nonIpFramesGoToTheUnclassifiedQueue() {
        for (int type : new int[] {0x0806, 0x88cc, 0x8847, 0x0842}) {
            byte[] f = new FrameBuilder().etherType(type).build();
            assertEquals(7, ENGINE.queueOf(ByteBuffer.wrap(f), 0, f.length), String.format("EtherType %04x", type));
            assertEquals(0, RssEngine.reportOf(decide(f)));
        }
    }

    @Test
    void wrongIpVersionIsUnclassifiedATruncatedTcpHeaderHashesTheAddresses() {
        byte[] f = new FrameBuilder().ipv4(A, B).tcp(1, 2).build();
        byte[] v6InV4 = f.clone();
        v6InV4[14] = 0x65;
        assertEquals(0, RssEngine.reportOf(decide(v6InV4)));
        assertEquals(0, RssEngine.reportOf(decide(Arrays.copyOf(f, 14 + 19))), "a truncated IPv4 header");
        assertEquals(HashReport.IPv4.value(), RssEngine.reportOf(decide(Arrays.copyOf(f, 14 + 20 + 3))));
        assertEquals(HashReport.IPv4.value(), RssEngine.reportOf(decide(Arrays.copyOf(f, 14 + 20 + 19))));
        assertEquals(HashReport.TCPv4.value(), RssEngine.reportOf(decide(Arrays.copyOf(f, 14 + 20 + 20))));
    }

    @Test
    void otherProtocolIsHashedOnAddressesOnly() {
        byte[] f = new FrameBuilder().ipv4(A, B).udp(1, 2).build();
        f[14 + 9] = 1; // ICMP
        assertEquals(HashReport.IPv4.value(), RssEngine.reportOf(decide(f)));
        assertEquals(1, parse(f).protocol());
        assertFalse(parse(f).hasPorts());
    }

    @Test
    void disabledTcpTypeFallsBackToIpv4() {
        RssEngine e = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.UDPv4.bit() | HashType.IPv4.bit(),
                RssConfig.equalTable(128, 8), 7, false));
        byte[] f = new FrameBuilder().ipv4(A, B).tcp(1, 2).build();
        assertEquals(HashReport.IPv4.value(), RssEngine.reportOf(e.decide(ByteBuffer.wrap(f), 0, f.length)));
    }

    @Test
    void frameAtAnOffsetInsideALargerBufferParsesTheSame() {
        byte[] f = new FrameBuilder().ipv4(A, B).tcp(9, 10).build();
        ByteBuffer big = ByteBuffer.allocateDirect(f.length + 100);
        big.put(37, f, 0, f.length);
        assertEquals(decide(f), ENGINE.decide(big, 37, f.length));
    }
}
