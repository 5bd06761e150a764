package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import org.junit.jupiter.api.Test;

/** The kernel's counters of a real tap beside tapsteer's, and their difference in words. */
class KernelCountersTest {

    @Test
    void framesDroppedOnAFullRingAreCountedByTheKernelAndExplained() {
        try (StatsLab lab = new StatsLab("kdrop")) {
            TapDevice tap = lab.tap("kd%d", 1);
            LabQueueManager qm = new LabQueueManager(tap);
            DeviceTracker tracker = new DeviceTracker(tap.name(), qm, Settings.DEFAULT,
                    new FlowTable(new ParsedFlowIdentity(), 64));
            FrameBuilder b = new FrameBuilder();
            // nobody reads while 3000 frames arrive: the ring (txqueuelen 1000) overflows
            int sent = lab.send(tap, b, 3000, i -> Flows.mixed(b, i).stamp(i, 0));
            int read = qm.drain();
            KernelView k = tracker.snapshot(Settings.DEFAULT.windowNanos()).kernel();
            assertEquals(3000, sent);
            assertTrue(k.available(), k.unavailableReason());
            assertTrue(k.kernelDropped() > 0, "a full ring drops: " + k);
            assertEquals(sent, k.tapsteerRead() + k.kernelDropped(), "sent = read by tapsteer + dropped by the kernel");
            assertEquals(read, k.tapsteerRead());
            assertEquals(k.kernelDelivered(), k.tapsteerRead(), "the kernel counts what tapsteer read");
            assertEquals(0, k.unaccounted());
            assertTrue(k.explanation().startsWith("The kernel dropped " + k.kernelDropped()
                    + " frames before tapsteer saw them (tx_dropped: a queue ring was full"), k.explanation());
            assertTrue(k.explanation().contains("Every frame the kernel delivered (" + read + ", tx_packets) is counted"),
                    k.explanation());
        }
    }

    @Test
    void kernelCountersMoveByWhatWasSentOverEveryQueue() {
        try (StatsLab lab = new StatsLab("kmove")) {
            TapDevice tap = lab.tap("km%d", 4);
            LabQueueManager qm = new LabQueueManager(tap);
            FrameBuilder b = new FrameBuilder();
            lab.send(tap, b, 100, i -> Flows.mixed(b, i).stamp(i, 0)); // before tracking: not in the deltas
            qm.drain();
            DeviceTracker tracker = new DeviceTracker(tap.name(), qm, Settings.DEFAULT,
                    new FlowTable(new ParsedFlowIdentity(), 64));
            int sent = 0;
            for (int round = 0; round < 8; round++) { // drained between rounds: nothing overflows
                sent += lab.send(tap, b, 500, i -> Flows.mixed(b, i).stamp(i, 1));
                qm.drain();
            }
            DeviceStats s = tracker.snapshot(Settings.DEFAULT.windowNanos());
            KernelView k = s.kernel();
            assertEquals(4000, sent);
            assertEquals(sent, k.kernelDelivered(), "tx_packets moved by what was sent");
            assertEquals(0, k.kernelDropped());
            assertEquals(sent, k.tapsteerRead());
            long perQueue = 0;
            for (QueueStats q : s.queues()) {
                perQueue += q.counters().rxPackets();
            }
            assertEquals(sent + 100, perQueue, "the queues' counters run from the manager's start");
            assertEquals(s.rxBytes(), k.counters().txBytes(), "tap started with this manager: bytes agree in full");
        }
    }
}
