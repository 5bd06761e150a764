package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flow keys and flow names from frames the lab builds, through the rss parser. */
class FlowIdentityTest {
    private final ParsedFlowIdentity identity = new ParsedFlowIdentity();
    private final byte[] tuple = new byte[FlowIdentity.TUPLE_BYTES];

    private static Frame frame(FrameBuilder b) {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        int len = b.writeTo(buf, 16);
        return new Frame(null).set(buf, 16, len, 0, 3);
    }

    private String name(Frame f) {
        identity.capture(f, tuple, 0);
        return identity.describe(tuple, 0);
    }

    @Test
    void namesIpv4AndIpv6FlowsWithPorts() {
        FrameBuilder b = new FrameBuilder();
        assertEquals("udp 198.51.100.1:10000 > 203.0.113.1:80", name(frame(Flows.mixed(b, 0))));
        assertEquals("tcp [2001:db8:1::2]:10002 > [2001:db8:2::]:53", name(frame(Flows.mixed(b, 2))));
        assertEquals("ipv4 proto 17 fragment 198.51.100.1 > 203.0.113.1",
                name(frame(Flows.mixed(b, 0).fragment(10, false))));
        assertEquals("unclassified (not IPv4 or IPv6 (EtherType))", name(frame(b.reset().etherType(0x0806))));
    }

    @Test
    void keyIsTheFlowNotTheFrame() {
        FrameBuilder b = new FrameBuilder();
        long k0 = identity.key(frame(Flows.mixed(b, 0).stamp(0, 1)));
        assertEquals(k0, identity.key(frame(Flows.mixed(b, 0).stamp(0, 2).payload(600))), "sequence and length differ");
        assertEquals(k0, identity.key(frame(Flows.mixed(b, 0).vlan(FrameBuilder.TPID_8021Q, 7))), "a VLAN tag is not the flow");
        assertNotEquals(k0, identity.key(frame(b.reset().ipv4(Flows.ipv4Source(0), Flows.ipv4Destination(0)).udp(10000, 81))));
        assertNotEquals(k0, identity.key(frame(b.reset().ipv4(Flows.ipv4Source(0), Flows.ipv4Destination(0)).tcp(10000, 80))));
        assertEquals(ParsedFlowIdentity.UNCLASSIFIED, identity.key(frame(b.reset().etherType(0x88cc))));
    }

    @Test
    void everyFragmentOfADatagramIsOneFlowTheFirstIncluded() {
        FrameBuilder b = new FrameBuilder();
        long first = identity.key(frame(Flows.mixed(b, 1).fragment(0, true)));
        assertEquals(first, identity.key(frame(Flows.mixed(b, 1).fragment(6, true))));
        assertEquals(first, identity.key(frame(Flows.mixed(b, 1).fragment(12, false))));
        assertNotEquals(first, identity.key(frame(Flows.mixed(b, 1))), "the unfragmented datagram is keyed by its ports");
        assertEquals("ipv4 proto 6 fragment 198.51.100.2 > 203.0.113.1", name(frame(Flows.mixed(b, 1).fragment(0, true))));
    }

    @Test
    void aReportedHashIsTheKey() {
        Frame f = frame(Flows.mixed(new FrameBuilder(), 5));
        f.hash(0xdeadbeef, HashReport.TCPv4);
        assertEquals(0xdeadbeefL, identity.key(f));
    }

    @Test
    void flowTableCountsBatchesAndNamesTheQueue() {
        FlowTable table = new FlowTable(identity, 8);
        LabBatch batch = new LabBatch("t0", 64);
        FrameBuilder b = new FrameBuilder();
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 128);
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 64; i++) { // flow 0 in half the frames, flows 1..32 share the rest
                int flow = i % 2 == 0 ? 0 : 1 + (i / 2 + round) % 32;
                int len = Flows.mixed(b, flow).writeTo(buf, i * 128);
                batch.frames[i].set(buf, i * 128, len, 0, 2);
            }
            batch.size = 64;
            batch.lane = round % 2; // the flow moves lanes: the summaries merge
            table.count(batch);
        }
        List<io.tapsteer.api.stats.FlowStats> top = table.top(3);
        assertEquals(640, table.total());
        assertEquals("udp 198.51.100.1:10000 > 203.0.113.1:80", top.get(0).flow());
        assertEquals(320, top.get(0).packets());
        assertEquals(0, top.get(0).error(), "the heavy flow entered first and never left");
        assertEquals(0.5, top.get(0).share(), 1e-12);
        assertEquals(2, top.get(0).queue());
        assertEquals(3, top.size());
    }
}
