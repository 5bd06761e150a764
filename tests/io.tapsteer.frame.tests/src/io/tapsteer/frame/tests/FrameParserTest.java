package io.tapsteer.frame.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.testsupport.Ipv6Frames;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The parser alone: the flow key of a frame (addresses, ports, protocol, eligible hash types, why not). */
class FrameParserTest {
    static final byte[] A = {(byte) 192, 0, 2, 1};
    static final byte[] B = {(byte) 203, 0, 113, 9};

    static FlowKey parse(byte[] f) {
        return FrameParser.parse(ByteBuffer.wrap(f), 0, f.length, new FlowKey());
    }

    @Test
    void tcpOverIpv4GivesAddressesPortsAndEligibility() {
        FlowKey k = parse(new FrameBuilder().ipv4(A, B).tcp(40000, 443).build());
        assertEquals(FlowKey.FAMILY_IPV4, k.family());
        assertEquals(0xc0000201L, k.sourceLow());
        assertEquals(0xcb007109L, k.destinationLow());
        assertEquals(6, k.protocol());
        assertEquals(40000, k.sourcePort());
        assertEquals(443, k.destinationPort());
        assertEquals(HashType.IPv4.bit() | HashType.TCPv4.bit(), k.eligibleTypes());
        assertEquals("ipv4 c0000201 > cb007109 proto 6 40000 > 443", k.toString());
        assertEquals("unclassified: not IPv4 or IPv6 (EtherType)", parse(new FrameBuilder().etherType(0x0806).build()).toString());
    }

    @Test
    void ipv6FlowKeyCarriesExAddressesAndEligibility() {
        byte[] f = new Ipv6Frames().routing(2, Ipv6Frames.CARE_OF_DST).homeAddress(Ipv6Frames.HOME).udp(7, 8);
        FlowKey k = parse(f);
        assertEquals(FlowKey.FAMILY_IPV6, k.family());
        assertEquals(0x20010db800000000L, k.sourceHigh());
        assertEquals(0x10, k.sourceLow());
        assertTrue(k.hasHomeAddress());
        assertEquals(0x30, k.homeAddressLow());
        assertTrue(k.hasRoutingType2());
        assertEquals(0x40, k.routingType2Low());
        assertTrue(k.hasExtensionHeaders());
        assertEquals(17, k.protocol());
        assertEquals(HashType.IPv6.bit() | HashType.UDPv6.bit() | HashType.IP_EX.bit() | HashType.UDP_EX.bit(),
                k.eligibleTypes());
    }
}
