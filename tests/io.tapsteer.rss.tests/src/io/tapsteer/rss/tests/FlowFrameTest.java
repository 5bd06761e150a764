package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssInput;
import org.junit.jupiter.api.Test;

/** The one tuple-to-frame builder the shell's steer:explain and the GUI's explain panel share. */
class FlowFrameTest {

    @Test
    void buildsTheFrameOfEachFamilyAndProtocol() {
        byte[] s4 = RssInput.address("source", "192.0.2.1");
        byte[] d4 = RssInput.address("destination", "198.51.100.1");
        assertArrayEquals(new FrameBuilder().reset().ipv4(s4, d4).tcp(40000, 5001).build(),
                FrameBuilder.flowFrame(s4, d4, 40000, 5001, FrameBuilder.TCP));
        byte[] s6 = RssInput.address("source", "2001:db8::1");
        byte[] d6 = RssInput.address("destination", "2001:db8::2");
        byte[] udp6 = FrameBuilder.flowFrame(s6, d6, 53, 5353, FrameBuilder.UDP);
        assertArrayEquals(new FrameBuilder().reset().ipv6(s6, d6).udp(53, 5353).build(), udp6);
        assertEquals(0x86, udp6[12] & 0xff, "EtherType IPv6");
        assertEquals(FrameBuilder.UDP, udp6[14 + 6], "next header UDP");
    }

    @Test
    void refusesMixedFamiliesAndOtherProtocols() {
        byte[] s4 = RssInput.address("source", "192.0.2.1");
        byte[] d6 = RssInput.address("destination", "2001:db8::2");
        assertEquals("addresses of 4 and 16 bytes: both IPv4 (4 bytes) or both IPv6 (16 bytes)",
                assertThrows(IllegalArgumentException.class, () -> FrameBuilder.flowFrame(s4, d6, 1, 2, FrameBuilder.TCP)).getMessage());
        assertEquals("IP protocol 1: use 6 (TCP) or 17 (UDP)",
                assertThrows(IllegalArgumentException.class, () -> FrameBuilder.flowFrame(s4, s4, 1, 2, 1)).getMessage());
    }
}
