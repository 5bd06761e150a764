package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Snapshots, rates, shares and the history ring of a device with real traffic. */
class DeviceTrackerTest {

    @Test
    void ratesAreTheWindowsDeltasOverItsLength() {
        try (StatsLab lab = new StatsLab("rates")) {
            TapDevice tap = lab.tap("rt%d", 4);
            LabQueueManager qm = new LabQueueManager(tap);
            DeviceTracker tracker = new DeviceTracker(tap.name(), qm, Settings.DEFAULT,
                    new FlowTable(new ParsedFlowIdentity(), 64));
            DeviceStats first = tracker.sample();
            assertFalse(first.rxRate().measured(), "no rate before a second sample");
            FrameBuilder b = new FrameBuilder();
            int sent = lab.send(tap, b, 2000, i -> Flows.mixed(b, i).stamp(i, 0));
            qm.drain();
            DeviceStats second = tracker.sample();
            double seconds = second.rxRate().windowNanos() / 1e9;
            assertEquals(second.timeNanos() - first.timeNanos(), second.rxRate().windowNanos());
            assertTrue(second.rxPackets() > sent / 2, "most frames read: " + second.rxPackets());
            assertEquals(second.rxPackets() - first.rxPackets(), second.rxRate().packetsPerSecond() * seconds, 1e-6);
            assertEquals(second.rxBytes() * 8.0, second.rxRate().bitsPerSecond() * seconds, 1e-3);
            double shares = 0;
            double pps = 0;
            for (QueueStats q : second.queues()) {
                shares += q.share();
                pps += q.rxRate().packetsPerSecond();
                assertEquals((double) q.counters().rxPackets() / second.rxPackets(), q.share(), 1e-12);
            }
            assertEquals(1.0, shares, 1e-9);
            assertEquals(second.rxRate().packetsPerSecond(), pps, 1e-6);
            assertEquals(List.of(first, second), tracker.history());
            assertEquals(2, second.sequence());
        }
    }

    @Test
    void bytesAndPacketsOfOneSnapshotBelongTogetherUnderLoad() throws Exception {
        // every frame has the same length, so a consistent snapshot has bytes = packets * length
        try (StatsLab lab = new StatsLab("load")) {
            TapDevice tap = lab.tap("ld%d", 2);
            LabQueueManager qm = new LabQueueManager(tap);
            DeviceTracker tracker = new DeviceTracker(tap.name(), qm, Settings.DEFAULT,
                    new FlowTable(new ParsedFlowIdentity(), 64));
            FrameBuilder b = new FrameBuilder();
            int length = b.reset().ipv4(Flows.ipv4Source(1), Flows.ipv4Destination(1)).udp(1000, 2000).length();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            Thread sender = lab.ns.startThread("stats-load-sender", () -> {
                FrameBuilder fb = new FrameBuilder();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                for (int round = 0; round < 100 && !stop.get() && System.nanoTime() < deadline; round++) {
                    sent.addAndGet(lab.send(tap, fb, 500, i -> fb.reset().ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i))
                            .udp(1000 + i % 7, 2000).stamp(i, 0)));
                }
            });
            Thread poller = new Thread(() -> { // the only writer of the counters, as a real poller
                while (true) {
                    if (qm.pump() == 0) {
                        if (stop.get()) {
                            qm.drain();
                            return;
                        }
                        Thread.yield();
                    }
                }
            }, "stats-load-poller");
            poller.start();
            int moving = 0;
            long last = -1;
            for (int i = 0; i < 20_000 && sender.isAlive(); i++) {
                DeviceStats s = tracker.snapshot(Settings.DEFAULT.windowNanos());
                for (QueueStats q : s.queues()) {
                    CounterSnapshot c = q.counters();
                    assertEquals(c.rxPackets() * length, c.rxBytes(), "queue " + c.index() + " torn: " + c);
                }
                assertEquals(s.rxPackets() * length, s.rxBytes());
                moving += s.rxPackets() != last ? 1 : 0;
                last = s.rxPackets();
            }
            sender.join(TimeUnit.SECONDS.toMillis(30));
            stop.set(true);
            poller.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(moving > 10, "snapshots were taken while counters moved: " + moving);
            DeviceStats end = tracker.snapshot(Settings.DEFAULT.windowNanos());
            assertEquals(sent.get(), end.rxPackets() + end.kernel().kernelDropped(), "sent = read + kernel drops");
        }
    }

    @Test
    void historyRingKeepsTheNewestSamplesOldestFirst() {
        try (StatsLab lab = new StatsLab("ring")) {
            TapDevice tap = lab.tap("rg%d", 1);
            LabQueueManager qm = new LabQueueManager(tap);
            Settings small = Settings.of(1000, 2, 4, 10, 64, true, false);
            DeviceTracker tracker = new DeviceTracker(tap.name(), qm, small, new FlowTable(new ParsedFlowIdentity(), 64));
            for (int i = 0; i < 7; i++) {
                tracker.sample();
            }
            List<DeviceStats> h = tracker.history();
            assertEquals(4, h.size());
            assertEquals(List.of(4L, 5L, 6L, 7L), h.stream().map(DeviceStats::sequence).toList());
        }
    }
}
