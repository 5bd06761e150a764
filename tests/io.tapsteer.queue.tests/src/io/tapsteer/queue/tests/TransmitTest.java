package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.queue.internal.Settings;
import io.tapsteer.queue.internal.strategy.AutomqStrategy;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** transmit(): the strategy picks the queue, the frame is written there, and automq sends replies back on it. */
class TransmitTest {

    @Test
    void repliesOfTransmittedFlowsComeBackOnTheQueueThatSentThem() {
        int flows = 64;
        FlowChecker checker = new FlowChecker(flows);
        try (QueueLab lab = new QueueLab("tx", 4, Settings.defaults()).handler(checker).start()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(256);
            FrameBuilder b = new FrameBuilder();
            AutomqStrategy automq = new AutomqStrategy();
            int[] expected = new int[flows];
            KernelCounters before = lab.tap.kernelCounters();
            for (int i = 0; i < flows; i++) {
                int len = b.reset().ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i)).tcp(Flows.sourcePort(i), 80).stamp(i, 0).writeTo(buf, 0);
                expected[i] = automq.select(new Frame(null).set(buf, 0, len, 0, -1), 4);
                assertTrue(lab.rt.transmit(buf, 0, len), "request of flow " + i + " written");
            }
            KernelCounters after = lab.tap.kernelCounters();
            assertEquals(flows, after.rxPackets() - before.rxPackets(), "the kernel took every transmitted frame");
            long[] txByQueue = lab.rt.queueCounters().stream().mapToLong(CounterSnapshot::txPackets).toArray();
            for (int q = 0; q < 4; q++) {
                int want = 0;
                for (int e : expected) {
                    want += e == q ? 1 : 0;
                }
                assertEquals(want, txByQueue[q], "frames written on queue " + q);
            }
            Set<Integer> used = new HashSet<>();
            try (PacketSocket s = lab.service.openPacketSocket(lab.tap, false)) {
                for (int i = 0; i < flows; i++) {
                    int len = b.reset().ipv4(Flows.ipv4Destination(i), Flows.ipv4Source(i)).tcp(80, Flows.sourcePort(i)).stamp(i, 0).writeTo(buf, 0);
                    assertTrue(s.send(buf, 0, len));
                    used.add(expected[i]);
                }
            }
            QueueLab.waitFor(() -> checker.delivered.get() == flows, 5_000);
            assertEquals(flows, checker.delivered.get());
            for (int i = 0; i < flows; i++) {
                assertEquals(expected[i], checker.queueOfFlow[i], "reply of flow " + i + " came back on the queue its request was written on");
            }
            assertTrue(used.size() > 1, "transmit spread flows over several queues: " + used);
        }
    }

    @Test
    void aBatchIsWrittenWithEachFrameOnItsQueue() {
        batchOnEachFramesQueue(Settings.defaults(), 4); // io_uring where the kernel has it
    }

    @Test
    void aBatchIsWrittenFrameByFrameWhenBatchedIoIsOff() {
        batchOnEachFramesQueue(Settings.defaults().withBatchIo(false), 4);
    }

    @Test
    void aBatchOnOneQueueIsWrittenWhole() {
        batchOnEachFramesQueue(Settings.defaults(), 1); // one queue: the strategy has nothing to choose
    }

    /** 200 frames (more than one 64-frame submission): every one written, on the queue a single transmit picks. */
    private static void batchOnEachFramesQueue(Settings settings, int queues) {
        int frames = 200;
        try (QueueLab lab = new QueueLab("txb", queues, settings).start()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(frames * 128);
            int[] offsets = new int[frames];
            int[] lengths = new int[frames];
            FrameBuilder b = new FrameBuilder();
            for (int i = 0; i < frames; i++) {
                offsets[i] = i * 128;
                lengths[i] = Flows.mixed(b, i % 64).stamp(i % 64, i / 64).writeTo(buf, offsets[i]);
            }
            KernelCounters before = lab.tap.kernelCounters();
            assertEquals(frames, lab.rt.transmit(buf, offsets, lengths, frames));
            assertEquals(frames, lab.tap.kernelCounters().rxPackets() - before.rxPackets(), "the kernel took every frame");
            long[] batched = lab.rt.queueCounters().stream().mapToLong(CounterSnapshot::txPackets).toArray();
            assertEquals(frames, java.util.Arrays.stream(batched).sum());
            for (int i = 0; i < frames; i++) { // the same frames one call each: the same queues
                assertTrue(lab.rt.transmit(buf, offsets[i], lengths[i]));
            }
            long[] both = lab.rt.queueCounters().stream().mapToLong(CounterSnapshot::txPackets).toArray();
            for (int q = 0; q < both.length; q++) {
                assertEquals(2 * batched[q], both[q], "queue " + q + " got the same frames from a batch and one by one");
            }
            assertEquals(Math.min(queues, 2), java.util.Arrays.stream(batched).filter(n -> n > 0).count() > 1 ? 2 : 1,
                    "spread over the queues there are");
        }
    }

    @Test
    void aBatchWithABadFrameIsRefusedWholeWithTheReason() {
        try (QueueLab lab = new QueueLab("txbb", 2, Settings.defaults()).start()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(3 * 128);
            FrameBuilder b = new FrameBuilder();
            int[] offsets = {0, 128, 256};
            int[] lengths = {Flows.mixed(b, 0).writeTo(buf, 0), 10, Flows.mixed(b, 1).writeTo(buf, 256)};
            KernelCounters before = lab.tap.kernelCounters();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lab.rt.transmit(buf, offsets, lengths, 3));
            assertEquals("frame of 10 bytes is too short: at least 14 bytes are needed (14-byte Ethernet header)", e.getMessage());
            assertEquals(0, lab.tap.kernelCounters().rxPackets() - before.rxPackets(), "no frame of the batch was written");
            IllegalArgumentException arrays = assertThrows(IllegalArgumentException.class, () -> lab.rt.transmit(buf, offsets, lengths, 4));
            assertEquals("a batch of 4 frames does not fit its arrays of 3 offsets and 3 lengths", arrays.getMessage());
        }
    }

    @Test
    void tooShortFrameIsRefusedWithTheReason() {
        try (QueueLab lab = new QueueLab("txbad", 1, Settings.defaults()).start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lab.rt.transmit(ByteBuffer.allocateDirect(64), 0, 0));
            assertEquals("frame of 0 bytes is too short: at least 14 bytes are needed (14-byte Ethernet header)", e.getMessage());
        }
    }
}
