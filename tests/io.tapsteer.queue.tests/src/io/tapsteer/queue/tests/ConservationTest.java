package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every frame the source sent is delivered or counted as dropped: per queue, per lane and in total. */
class ConservationTest {

    @Test
    void everyFrameIsDeliveredOnItsQueueWithAutomq() {
        everyFrameIsDelivered(Settings.defaults()); // batched reads (io_uring) where the kernel has them
    }

    @Test
    void everyFrameIsDeliveredOnItsQueueWithOneReadPerFrame() {
        everyFrameIsDelivered(Settings.defaults().withBatchIo(false));
    }

    private static void everyFrameIsDelivered(Settings settings) {
        FlowChecker checker = new FlowChecker(1024);
        try (QueueLab lab = new QueueLab("cons", 4, settings).handler(checker).start()) {
            TrafficSource src = lab.traffic(1024).frames(100_000).rate(100_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            KernelCounters k = lab.tap.kernelCounters();
            assertEquals(100_000, r.sent(), "the source sent its count within the time limit");
            assertBalanced(lab, checker, r.sent(), k);
            assertEquals(0, lab.drops(), "nothing dropped with a free pool and idle lanes");
            assertEquals(0, checker.lost(src), "no frame lost");
            assertEquals(0, checker.duplicates.get());
            assertEquals(0, checker.reordered.get());
            for (CounterSnapshot q : lab.rt.queueCounters()) {
                assertTrue(q.rxPackets() > 100_000 / 4 / 2, "automq spreads flows over every queue: " + q);
                assertTrue(q.batches() > 0 && q.batches() <= q.rxPackets());
            }
        }
    }

    @Test
    void framesDroppedForAFullLaneOrPoolAreCountedWhereTheyWereDropped() {
        FlowChecker checker = new FlowChecker(256);
        FrameHandler slow = (FrameBatch b) -> QueueLab.sleep(5); // lane 1 takes at most ~13 frames per ms
        Settings small = Settings.defaults().withStrategy("flow-hash").withLanes(2).withPool(128, 64);
        try (QueueLab lab = new QueueLab("drops", 2, small).handler(checker).handler(slow, 1).start()) {
            TrafficSource src = lab.traffic(256).frames(60_000).rate(60_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            KernelCounters k = lab.tap.kernelCounters();
            assertBalanced(lab, checker, r.sent(), k);
            long laneFull = QueueLab.sum(lab.rt.queueCounters(), s -> s.drops(DropReason.LANE_FULL));
            assertTrue(laneFull > 0, "the slow lane overflowed and the drops were counted");
            assertEquals(laneFull + QueueLab.sum(lab.rt.queueCounters(), s -> s.drops(DropReason.POOL_EXHAUSTED)),
                    checker.lost(src) - k.txDropped(), "every frame that did not arrive is a counted drop");
        }
    }

    /** sent = read + kernel drops; read = delivered + counted drops, per queue and per lane. */
    static void assertBalanced(QueueLab lab, FlowChecker checker, long sent, KernelCounters k) {
        List<CounterSnapshot> queues = lab.rt.queueCounters();
        long read = QueueLab.sum(queues, CounterSnapshot::rxPackets);
        assertEquals(sent, read + k.txDropped(), "sent = read from the queues + dropped by the kernel");
        assertEquals(read, k.txPackets(), "the kernel counts what the pollers read");
        long delivered = checker.delivered.get() + checker.foreign.get();
        assertEquals(read, delivered + lab.drops(), "read = delivered + counted drops");
        for (CounterSnapshot q : queues) {
            assertEquals(q.rxPackets(), checker.byQueue.get(q.index()) + q.totalDrops(),
                    "queue " + q.index() + ": read = delivered + counted drops");
        }
        for (CounterSnapshot l : lab.rt.laneCounters()) {
            assertEquals(l.rxPackets(), checker.byLane.get(l.index()), "lane " + l.index() + " counts what it delivered");
        }
    }
}
