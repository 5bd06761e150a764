package io.tapsteer.example.steering.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.example.steering.PortRangeStrategy;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortRangeStrategyTest {
    private final PortRangeStrategy s = new PortRangeStrategy(4096, "5000-5999:0", "6000-6999:1", "7000-7999:5");

    @Test
    void framesToAPinnedRangeGoToItsLaneForIpv4AndIpv6() {
        for (int flow = 0; flow < 64; flow++) {
            assertEquals(0, s.select(Frames.udp4(flow, 5000 + flow), 4));
            assertEquals(1, s.select(Frames.tcp6(flow, 6000 + flow), 4));
        }
    }

    @Test
    void vlanAndQinQTaggedFramesArePinnedByTheirPort() {
        Frame vlan = Frames.of(new FrameBuilder().reset().vlan(FrameBuilder.TPID_8021Q, 7)
                .ipv4(Flows.ipv4Source(1), Flows.ipv4Destination(1)).tcp(40000, 6001));
        Frame qinq = Frames.of(new FrameBuilder().reset().vlan(FrameBuilder.TPID_8021AD, 100).vlan(FrameBuilder.TPID_8021Q, 7)
                .ipv6(Flows.ipv6Source(2), Flows.ipv6Destination(2)).udp(40000, 6002));
        assertEquals(1, s.select(vlan, 4));
        assertEquals(1, s.select(qinq, 4));
    }

    @Test
    void aLaneTheDeviceLacksFoldsOntoTheLanesItHas() {
        assertEquals(5 % 4, s.select(Frames.udp4(3, 7001), 4));
    }

    @Test
    void unpinnedFlowsSpreadOverEveryLaneAndEachStaysOnOne() {
        int[] perLane = new int[4];
        for (int flow = 0; flow < 1024; flow++) {
            int lane = s.select(Frames.udp4(flow, 80), 4);
            assertEquals(lane, s.select(Frames.udp4(flow, 80), 4), "flow " + flow + " changed lane");
            perLane[lane]++;
        }
        for (int lane = 0; lane < 4; lane++) {
            assertTrue(perLane[lane] > 1024 / 4 / 2, "lane " + lane + " got " + perLane[lane] + " of 1024 flows");
        }
    }

    @Test
    void everyFragmentOfADatagramGoesToOneLaneEvenToAPinnedPort() {
        PortRangeStrategy fresh = new PortRangeStrategy(4096, "5000-5999:0", "6000-6999:1", "7000-7999:5");
        int moved = 0;
        for (int flow = 0; flow < 64; flow++) {
            FrameBuilder b = new FrameBuilder().reset().ipv4(Flows.ipv4Source(flow), Flows.ipv4Destination(flow)).udp(40000, 6000);
            int first = fresh.select(Frames.of(b.fragment(0, true)), 4);
            assertEquals(first, fresh.select(Frames.of(b.fragment(3, true)), 4), "flow " + flow);
            assertEquals(first, fresh.select(Frames.of(b.fragment(6, false)), 4), "flow " + flow);
            moved += first != 1 ? 1 : 0;
        }
        assertTrue(moved > 0, "fragments are hashed by their addresses, not pinned by the first one's port");
    }

    @Test
    void aUdpHeaderCutShortIsNotPinnedByHalfAPort() {
        Frame cut = Frames.of(new FrameBuilder().reset().ipv4(Flows.ipv4Source(9), Flows.ipv4Destination(9)).udp(40000, 6000));
        cut.set(cut.buffer(), 0, 14 + 20 + 7, 0, -1);
        Explanation x = s.explain(cut, 4);
        assertTrue(x.note().contains("no ports"), x.note());
    }

    @Test
    void nonIpFramesGoToLaneZero() {
        Frame arp = Frames.of(new FrameBuilder().reset().etherType(0x0806));
        assertEquals(0, s.select(arp, 4));
    }

    @Test
    void aRunningFlowKeepsItsLaneWhenTheRangesChangeWhileNewFlowsFollowTheNewRanges() {
        Frame running = Frames.udp4(1, 5001);
        assertEquals(0, s.select(running, 4));
        s.ranges("5000-5999:2");
        assertEquals(0, s.select(running, 4), "a running flow moved");
        assertEquals(2, s.select(Frames.udp4(2, 5002), 4), "a new flow ignored the new ranges");
    }

    @Test
    void explainSaysWhyAndAgreesWithSelect() {
        Frame f = Frames.tcp6(9, 6009);
        Explanation e = s.explain(f, 4);
        assertEquals(1, e.queue());
        assertEquals("port-range", e.strategy());
        assertEquals("pinned: destination port 6009 is in 6000-6999", e.note());
        assertEquals("sticky: the flow keeps the lane it was first given", s.explain(f, 4).note());
        Explanation hashed = s.explain(Frames.udp4(9, 443), 4);
        assertEquals(s.select(Frames.udp4(9, 443), 4), hashed.queue());
        assertTrue(hashed.toString().contains("hash 0x"), hashed.toString());
    }

    @Test
    void distinctFlowsGetDistinctHashes() {
        Set<Long> hashes = new HashSet<>();
        for (int flow = 0; flow < 1024; flow++) {
            hashes.add(s.explain(Frames.udp4(flow, 443), 4).hash());
        }
        assertEquals(1024, hashes.size());
    }
}
