package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames through the tap, both directions, every one accounted for. */
class TrafficTest {

    @Test
    void thousandFlowsArriveEachOnExactlyOneQueue() {
        try (TapLab lab = new TapLab("flows")) {
            TapDevice tap = lab.tap(4);
            int sent = 0;
            Map<Long, Integer> queueOfFlow = new HashMap<>();
            int[] perQueue = new int[4];
            for (int round = 0; round < 2; round++) { // every flow twice: both must land on one queue
                for (int chunk = 0; chunk < 1024; chunk += 256) {
                    sent += sendRange(lab, tap, chunk, 256, round);
                    for (TapQueue q : tap.queues()) {
                        for (long flow : TapLab.drain(q)) {
                            perQueue[q.index()]++;
                            Integer before = queueOfFlow.putIfAbsent(flow, q.index());
                            assertTrue(before == null || before == q.index(), "flow " + flow + " on queues " + before + " and " + q.index());
                        }
                    }
                }
            }
            int received = perQueue[0] + perQueue[1] + perQueue[2] + perQueue[3];
            KernelCounters k = tap.kernelCounters();
            assertEquals(2048, sent);
            assertEquals(sent, received + k.txDropped(), "sent = received + kernel drops");
            assertEquals(0, k.txDropped());
            assertEquals(1024, queueOfFlow.size());
            for (int q = 0; q < 4; q++) {
                assertTrue(perQueue[q] > 2048 / 4 / 2, "queue " + q + " got a share: " + perQueue[q]);
            }
        }
    }

    private static int sendRange(TapLab lab, TapDevice tap, int first, int count, int seq) {
        // TapLab stamps flow ids from 0; shift by sending a slice of the flow set through a local builder
        ByteBuffer buf = ByteBuffer.allocateDirect(128);
        FrameBuilder b = new FrameBuilder();
        int sent = 0;
        try (var s = lab.service.openPacketSocket(tap, false)) {
            for (int i = first; i < first + count; i++) {
                int len = Flows.mixed(b, i).stamp(i, seq).writeTo(buf, 0);
                sent += s.send(buf, 0, len) ? 1 : 0;
            }
        }
        return sent;
    }

    @Test
    void framesWrittenOnQueuesRaiseRxPacketsExactly() {
        try (TapLab lab = new TapLab("write")) {
            TapDevice tap = lab.tap(3);
            KernelCounters before = tap.kernelCounters();
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            FrameBuilder b = new FrameBuilder();
            int written = 0;
            long bytes = 0;
            List<TapQueue> queues = tap.queues();
            for (int i = 0; i < 300; i++) {
                int len = Flows.mixed(b, i).stamp(i, 0).writeTo(buf, 0);
                int n = queues.get(i % 3).write(buf, 0, len);
                assertEquals(len, n);
                written++;
                bytes += len;
            }
            KernelCounters after = tap.kernelCounters();
            assertEquals(written, after.rxPackets() - before.rxPackets());
            assertEquals(bytes, after.rxBytes() - before.rxBytes());
        }
    }

    @Test
    void replyComesBackOnTheQueueThatWroteTheRequest() {
        // automq learns flow -> queue from writes (tun's flow table), as multiqueue tun defines it
        try (TapLab lab = new TapLab("learn")) {
            TapDevice tap = lab.tap(4);
            ByteBuffer buf = ByteBuffer.allocateDirect(256);
            FrameBuilder b = new FrameBuilder();
            TapQueue writer = tap.queues().get(2);
            int len = b.reset().ipv4(Flows.ipv4Source(7), Flows.ipv4Destination(7)).tcp(40000, 80).stamp(7, 0).writeTo(buf, 0);
            writer.write(buf, 0, len);
            int replyLen = b.reset().ipv4(Flows.ipv4Destination(7), Flows.ipv4Source(7)).tcp(80, 40000).stamp(7, 1).writeTo(buf, 0);
            try (var s = lab.service.openPacketSocket(tap, false)) {
                for (int i = 0; i < 8; i++) {
                    assertTrue(s.send(buf, 0, replyLen));
                }
            }
            for (TapQueue q : tap.queues()) {
                assertEquals(q == writer ? 8 : 0, TapLab.drain(q).size(), "replies on " + q);
            }
        }
    }
}
