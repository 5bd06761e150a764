package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.TrafficSource;
import org.junit.jupiter.api.Test;

/** Snapshots taken while the pollers count: bytes and packets of one snapshot belong together. */
class SnapshotConsistencyTest {

    @Test
    void bytesAndPacketsOfOneSnapshotBelongTogetherUnderLoad() {
        try (StatsRig rig = new StatsRig("sc", 2, "automq")) {
            // every frame has the same length, so a consistent snapshot has bytes = packets * length
            int length = new FrameBuilder().ipv4(Flows.ipv4Source(0), Flows.ipv4Destination(0)).udp(1, 2).length();
            TrafficSource source = rig.source().mix(TrafficSource.Mix.IPV4_UDP).flows(256).frames(300_000).build().start();
            int taken = 0;
            int moving = 0;
            long last = -1;
            try {
                while (taken < 50_000 && source.sent() < 300_000 && !Thread.currentThread().isInterrupted()) {
                    DeviceStats s = rig.stats.snapshot(rig.device);
                    for (QueueStats q : s.queues()) {
                        CounterSnapshot c = q.counters();
                        long counted = c.rxPackets() - c.drops(DropReason.POOL_EXHAUSTED) - c.drops(DropReason.MALFORMED);
                        assertEquals(counted * length, c.rxBytes(), "queue " + c.index() + " torn: " + c);
                    }
                    for (QueueStats l : s.lanes()) {
                        assertEquals(l.counters().rxPackets() * length, l.counters().rxBytes(), "lane torn: " + l);
                    }
                    taken++;
                    moving += s.rxPackets() != last ? 1 : 0;
                    last = s.rxPackets();
                    if (source.sent() > 0 && last == source.sent()) {
                        break; // caught up with a source that already stopped
                    }
                }
            } finally {
                source.close();
            }
            long sent = source.await().sent();
            assertTrue(moving > 10, "snapshots were taken while counters moved: " + moving + " of " + taken);
            DeviceStats end = rig.settle(sent);
            assertEquals(end.rxPackets() * length, end.rxBytes() + (end.drops(DropReason.POOL_EXHAUSTED)
                    + end.drops(DropReason.MALFORMED)) * length);
        }
    }
}
