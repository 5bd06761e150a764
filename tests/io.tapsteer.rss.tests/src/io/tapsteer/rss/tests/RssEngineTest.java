package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.Toeplitz;
import io.tapsteer.rss.VnetHashHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** queueOf = cascade + Toeplitz + table; the Frame overload records the hash and fills the vnet header. */
class RssEngineTest {
    static final byte[] A4 = {(byte) 192, 0, 2, 10};
    static final byte[] B4 = {(byte) 198, 51, 100, 20};
    static final int[] TABLE = {3, 1, 2, 0, 1, 3, 0, 2};
    static final RssEngine ENGINE = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, TABLE, 2, true));
    static final Toeplitz T = new Toeplitz(RssConfig.DEFAULT_KEY);

    static int tupleHash(byte[] src, byte[] dst, int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(2 * src.length + 4).put(src).put(dst);
        if (sport >= 0) {
            b.putShort((short) sport).putShort((short) dport);
        }
        return T.hash(b.array(), 0, b.position());
    }

    @Test
    void tcpOverIpv4IsHashedOverAddressesAndPortsAndSteeredThroughTheTable() {
        byte[] f = new FrameBuilder().ipv4(A4, B4).tcp(40000, 443).build();
        int h = tupleHash(A4, B4, 40000, 443);
        assertEquals(TABLE[h & 7], ENGINE.queueOf(ByteBuffer.wrap(f), 0, f.length));
        long d = ENGINE.decide(ByteBuffer.wrap(f), 0, f.length);
        assertEquals(h, RssEngine.hashOf(d));
        assertEquals(HashReport.TCPv4.value(), RssEngine.reportOf(d));
    }

    @Test
    void nonIpFrameGoesToTheUnclassifiedQueue() {
        byte[] arp = new FrameBuilder().etherType(0x0806).build();
        assertEquals(2, ENGINE.queueOf(ByteBuffer.wrap(arp), 0, arp.length));
        Explanation e = ENGINE.explain(ByteBuffer.wrap(arp), 0, arp.length);
        assertEquals("none", e.hashType());
        assertEquals(2, e.queue());
        assertTrue(e.note().contains("not IPv4 or IPv6"), e.note());
    }

    @Test
    void frameOverloadRecordsHashAndWritesTheVnetHashHeaderLittleEndian() {
        byte[] f = new FrameBuilder().ipv4(A4, B4).udp(5000, 53).build();
        ByteBuffer mem = ByteBuffer.allocateDirect(256).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 20; i++) {
            mem.put(100 + i, (byte) 0xee);
        }
        mem.put(120, f, 0, f.length);
        Frame frame = new Frame(null).set(mem, 120, f.length, 20, 0);
        int q = ENGINE.queueOf(frame);
        int h = tupleHash(A4, B4, 5000, 53);
        assertEquals(TABLE[h & 7], q);
        assertEquals(h, frame.hash());
        assertEquals(HashReport.UDPv4, frame.hashReport());
        assertEquals((byte) h, mem.get(100 + 12), "hash_value is little endian at 12");
        assertEquals((byte) (h >>> 24), mem.get(100 + 15));
        assertEquals(h, VnetHashHeader.hashValue(mem, 100));
        assertEquals(HashReport.UDPv4.value(), VnetHashHeader.hashReport(mem, 100));
        assertEquals(0, mem.get(118), "padding cleared");
        assertEquals((byte) 0xee, mem.get(111), "virtio_net_hdr_v1 fields untouched");
    }

    @Test
    void shortVnetHeaderIsLeftAlone() {
        byte[] f = new FrameBuilder().ipv4(A4, B4).udp(5000, 53).build();
        ByteBuffer mem = ByteBuffer.allocate(256);
        mem.put(12, f, 0, f.length);
        Frame frame = new Frame(null).set(mem, 12, f.length, 12, 0);
        ENGINE.queueOf(frame);
        for (int i = 0; i < 12; i++) {
            assertEquals(0, mem.get(i), "byte " + i + " of a 12-byte vnet header");
        }
        assertEquals(HashReport.UDPv4, frame.hashReport());
    }
}
