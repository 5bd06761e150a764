package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.strategy.FlowHash;
import java.nio.ByteBuffer;
import io.tapsteer.queue.internal.Settings;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One slow lane: its drops are counted, memory stays bounded, and the other lanes lose nothing. */
class SlowHandlerTest {

    @Test
    void slowLaneDropsCountedOthersUnaffectedMemoryBounded() {
        FlowChecker checker = new FlowChecker(512);
        AtomicInteger maxOutstanding = new AtomicInteger();
        Settings s = Settings.defaults().withStrategy("flow-hash").withLanes(4).withPool(8192, 0).withFrameBytes(256);
        try (QueueLab lab = new QueueLab("slow", 2, s).handler(checker)) {
            FrameHandler slow = (FrameBatch b) -> {
                maxOutstanding.accumulateAndGet(lab.rt.framesOutstanding(), Math::max);
                QueueLab.sleep(20); // this lane takes at most ~3,200 frames/s of the ~7,500 it gets
            };
            lab.handler(slow, 1).start();
            TrafficSource src = lab.traffic(512).frames(90_000).rate(30_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            KernelCounters k = lab.tap.kernelCounters();
            long kernelDropped = k.txDropped(); // 0 unless the machine starves the pollers; reported, not blamed on the lanes
            long laneFull = QueueLab.sum(lab.rt.queueCounters(), q -> q.drops(DropReason.LANE_FULL));
            long exhausted = QueueLab.sum(lab.rt.queueCounters(), q -> q.drops(DropReason.POOL_EXHAUSTED));
            assertTrue(laneFull > 0, "the slow lane's overflow was dropped and counted");
            assertEquals(0, exhausted, "one slow lane never takes the whole pool");
            assertTrue(maxOutstanding.get() <= 2 * 8192, "frames in use stay within the pools: " + maxOutstanding);
            int[] lane = lanesOfFlows(512, 4);
            long[] lostByLane = new long[4];
            for (int f = 0; f < 512; f++) {
                lostByLane[lane[f]] += src.sentOfFlow(f) - checker.distinct(f);
            }
            System.out.println("slow handler: lost by lane " + java.util.Arrays.toString(lostByLane) + ", lane-full by queue "
                    + lab.rt.queueCounters().stream().map(q -> q.drops(DropReason.LANE_FULL)).toList());
            for (int f = 0; f < 512; f++) {
                assertTrue(checker.laneOfFlow[f] == -1 || checker.laneOfFlow[f] == lane[f], "flow " + f + " stayed on its lane");
            }
            long lostOthers = checker.lost(src, f -> lane[f] != 1);
            long lostSlow = checker.lost(src, f -> lane[f] == 1);
            assertEquals(laneFull + kernelDropped, lostOthers + lostSlow, "every frame that did not arrive is a counted drop");
            assertTrue(lostOthers <= kernelDropped, "the other lanes lost nothing the queue manager saw: " + lostOthers);
            assertTrue(lostSlow >= laneFull, "the slow lane's counted drops are its losses");
            assertEquals(0, checker.reordered.get());
            for (CounterSnapshot l : lab.rt.laneCounters()) {
                assertEquals(l.rxPackets(), checker.byLane.get(l.index()));
            }
            System.out.println("slow handler: " + r + ", lane-full drops " + laneFull + ", kernel drops " + kernelDropped + ", most frames in use " + maxOutstanding);
        }
    }

    /** @return the lane flow-hash gives each lab flow */
    static int[] lanesOfFlows(int flows, int lanes) {
        ByteBuffer buf = ByteBuffer.allocate(256);
        FrameBuilder b = new FrameBuilder();
        int[] out = new int[flows];
        for (int i = 0; i < flows; i++) {
            int len = Flows.mixed(b, i).stamp(i, 0).writeTo(buf, 0);
            out[i] = FlowHash.lane(FlowHash.of(new Frame(null).set(buf, 0, len, 0, -1)), lanes);
        }
        return out;
    }
}
