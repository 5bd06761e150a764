package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rates and balance of a real device, through a tracker the test samples itself (the component's
 * sampler runs on its own clock; here the window is exactly the traffic's).
 */
class LiveMetricsTest {

    private static DeviceTracker tracker(StatsRig rig, Settings settings) {
        return new DeviceTracker(rig.device, rig.manager, settings, new FlowTable(new ParsedFlowIdentity(), 64));
    }

    @Test
    void ratesAreTheWindowsDeltasOverItsLength() {
        try (StatsRig rig = new StatsRig("lr", 4, "automq")) {
            DeviceTracker tracker = tracker(rig, Settings.DEFAULT);
            DeviceStats first = tracker.sample();
            assertFalse(first.rxRate().measured(), "no rate before a second sample");
            long sent = rig.source().flows(512).frames(6000).rate(100_000).build().runHere().sent();
            long kernelDropped = rig.settle(sent).kernel().kernelDropped();
            DeviceStats second = tracker.sample();
            double seconds = second.rxRate().windowNanos() / 1e9;
            assertEquals(second.timeNanos() - first.timeNanos(), second.rxRate().windowNanos());
            long read = second.rxPackets() - first.rxPackets();
            assertEquals(sent, read + kernelDropped);
            assertEquals(read, second.rxRate().packetsPerSecond() * seconds, 1e-6);
            assertEquals((second.rxBytes() - first.rxBytes()) * 8.0, second.rxRate().bitsPerSecond() * seconds, 1e-3);
            double shares = 0;
            double pps = 0;
            for (QueueStats q : second.queues()) {
                shares += q.share();
                pps += q.rxRate().packetsPerSecond();
            }
            assertEquals(1.0, shares, 1e-9);
            assertEquals(second.rxRate().packetsPerSecond(), pps, 1e-6);
            assertEquals(List.of(first, second), tracker.history());
        }
    }

    @Test
    void oneFlowMakesItsQueueHotAndManyFlowsBalanceThem() {
        try (StatsRig rig = new StatsRig("lb", 4, "automq")) {
            DeviceTracker tracker = tracker(rig, Settings.DEFAULT);
            long sent = rig.source().flows(1).frames(2000).build().runHere().sent();
            rig.settle(sent);
            DeviceStats one = tracker.sample(); // no earlier sample: the basis is everything since tracking began
            Balance b = one.balance();
            assertEquals(Balance.Verdict.HOT, b.verdict());
            assertEquals(0.25, b.jainIndex(), 1e-12, "one of four queues carries all: Jain = 1/4");
            assertEquals(4.0, b.maxOverMean(), 1e-12);
            QueueStats hot = one.queues().stream().filter(q -> q.counters().rxPackets() > 0).findFirst().orElseThrow();
            assertEquals(one.rxPackets(), hot.counters().rxPackets(), "one flow, one queue");
            assertEquals(hot.index(), b.hotQueue());
            assertTrue(b.text().startsWith("queue " + hot.index() + " is hot: 100.0% of packets, 4.00x the mean"), b.text());

            long many = rig.source().flows(4096).frames(40_960).rate(100_000).build().runHere().sent();
            rig.settle(sent + many);
            Balance spread = tracker.sample().balance(); // the window is the 40960 frames of 4096 flows
            assertEquals(many, spread.total() + tracker.snapshot(1).kernel().kernelDropped() - one.kernel().kernelDropped());
            assertTrue(spread.jainIndex() > 0.95, "automq spreads 4096 flows evenly: " + spread.text());
            assertTrue(spread.verdict() == Balance.Verdict.BALANCED || spread.verdict() == Balance.Verdict.SKEWED, spread.text());
        }
    }

    @Test
    void aUserSpaceStrategyMakesItsLaneHotWhileTheQueuesStayEven() {
        try (StatsRig rig = new StatsRig("ll", 4, "single-queue")) {
            StatsRig.awaitTrue(() -> "single-queue".equals(rig.manager.activeStrategy()), "single-queue active");
            DeviceTracker tracker = tracker(rig, Settings.DEFAULT);
            long sent = rig.source().flows(1024).frames(8192).rate(100_000).build().runHere().sent();
            DeviceStats s = rig.settle(sent);
            s = tracker.sample();
            Balance lanes = s.laneBalance();
            assertEquals(Balance.Verdict.HOT, lanes.verdict(), lanes.text());
            assertEquals(0, lanes.hotQueue());
            assertEquals(0.25, lanes.jainIndex(), 1e-12);
            assertTrue(lanes.text().startsWith("lane 0 is hot: 100.0% of packets, 4.00x the mean"), lanes.text());
            assertTrue(s.balance().jainIndex() > 0.9, "the kernel still spreads the queues: " + s.balance().text());
            String report = io.tapsteer.stats.StatsFormat.report(s);
            assertTrue(report.contains(System.lineSeparator() + "lanes:   lane 0 is hot"), report);
        }
    }
}
