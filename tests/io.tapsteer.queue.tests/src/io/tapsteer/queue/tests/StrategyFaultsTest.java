package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import io.tapsteer.queue.internal.strategy.FlowHash;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Strategies that misbehave cost counted fallbacks or a demotion to automq, never a frame or a poller. */
class StrategyFaultsTest {

    /** Out of range on every 10th call. */
    static final class OutOfRange implements SteeringStrategy {
        final AtomicLong calls = new AtomicLong();

        @Override
        public String name() {
            return "out-of-range";
        }

        @Override
        public int select(Frame frame, int lanes) {
            return calls.incrementAndGet() % 10 == 0 ? lanes + 3 : FlowHash.lane(FlowHash.of(frame), lanes);
        }
    }

    /** Its batch select throws on every 5th batch; frame by frame it is the flow hash. */
    static final class BatchThrows implements SteeringStrategy {
        final AtomicLong batches = new AtomicLong();
        final AtomicLong thrownFrames = new AtomicLong();

        @Override
        public String name() {
            return "batch-throws";
        }

        @Override
        public int select(Frame frame, int lanes) {
            return FlowHash.lane(FlowHash.of(frame), lanes);
        }

        @Override
        public void select(FrameBatch batch, int lanes, int[] lanesOut) {
            if (batches.incrementAndGet() % 5 == 0) {
                lanesOut[0] = -1; // a half-written answer must not count
                thrownFrames.addAndGet(batch.size());
                throw new IllegalStateException("broken batch");
            }
            SteeringStrategy.super.select(batch, lanes, lanesOut);
        }
    }

    /** Burns 200 microseconds of CPU per call. */
    static final class Slow implements SteeringStrategy {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public int select(Frame frame, int lanes) {
            long end = System.nanoTime() + 200_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return 0;
        }
    }

    @Test
    void outOfRangeLanesAreCountedFallbacksAndNothingIsLost() {
        FlowChecker checker = new FlowChecker(256);
        OutOfRange bad = new OutOfRange();
        try (QueueLab lab = new QueueLab("oor", 2, Settings.defaults().withLanes(3).withPool(16_384, 0).withFrameBytes(256)).handler(checker)) {
            lab.rt.addStrategy(bad.name(), bad);
            lab.start();
            lab.rt.useStrategy(bad.name());
            TrafficSource src = lab.traffic(256).frames(20_000).rate(40_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            long fallbacks = QueueLab.sum(lab.rt.queueCounters(), CounterSnapshot::fallbacks);
            // a batch that also ran over its CPU allowance (JIT, class loading) counts all its frames
            assertTrue(fallbacks >= bad.calls.get() / 10 && fallbacks <= bad.calls.get() / 10 + 2 * 64,
                    "one counted fallback per out-of-range lane: " + fallbacks + " for " + bad.calls.get() + " calls");
            assertTrue(fallbacks > 0);
            long dropped = lab.drops() + lab.tap.kernelCounters().txDropped(); // 0 unless the machine starves the threads
            assertEquals(dropped, checker.lost(src), "nothing lost beyond counted drops");
            assertEquals(r.sent(), checker.delivered.get() + dropped);
            assertEquals(0, checker.duplicates.get());
            assertEquals("out-of-range", lab.rt.activeStrategy(), "the strategy stays: fallbacks are per frame");
        }
    }

    @Test
    void aBatchSelectThatThrowsCostsCountedFallbacksAndTheFramesKeepTheirFlowsLanes() {
        FlowChecker checker = new FlowChecker(256);
        BatchThrows bad = new BatchThrows();
        try (QueueLab lab = new QueueLab("bthrow", 2, Settings.defaults().withLanes(3).withPool(16_384, 0).withFrameBytes(256)).handler(checker)) {
            lab.rt.addStrategy(bad.name(), bad);
            lab.start();
            lab.rt.useStrategy(bad.name());
            TrafficSource src = lab.traffic(256).frames(20_000).rate(40_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            long fallbacks = QueueLab.sum(lab.rt.queueCounters(), CounterSnapshot::fallbacks);
            long thrown = bad.thrownFrames.get();
            assertTrue(thrown > 0, "some batches threw: " + bad.batches.get() + " batches");
            // every frame of a batch that threw is a fallback; a batch over its CPU allowance (JIT) counts too
            assertTrue(fallbacks >= thrown && fallbacks <= thrown + 2 * 64,
                    "the frames of the batches that threw are counted fallbacks: " + fallbacks + " for " + thrown);
            long dropped = lab.drops() + lab.tap.kernelCounters().txDropped();
            assertEquals(dropped, checker.lost(src), "nothing lost beyond counted drops");
            assertEquals(r.sent(), checker.delivered.get() + dropped);
            assertEquals(0, checker.duplicates.get());
            assertEquals(0, checker.reordered.get(), "frames of a failed batch go where their flow goes: flows keep their order");
            assertEquals("batch-throws", lab.rt.activeStrategy(), "the strategy stays");
        }
    }

    @Test
    void aStrategyTooSlowForTheCpuBudgetIsReplacedByAutomqAndSaysSo() {
        FlowChecker checker = new FlowChecker(256);
        Slow slow = new Slow();
        try (QueueLab lab = new QueueLab("slowst", 2, Settings.defaults()).handler(checker)) {
            lab.rt.addStrategy(slow.name(), slow);
            lab.start();
            lab.rt.useStrategy(slow.name());
            TrafficSource src = lab.traffic(256).frames(20_000).rate(20_000).build().start();
            QueueLab.waitFor(() -> !lab.rt.activeStrategy().equals("slow"), 10_000);
            assertEquals("automq", lab.rt.activeStrategy());
            assertTrue(lab.rt.steering().contains("strategy 'slow' too slow ("), lab.rt.steering());
            TrafficSource.Result r = src.await();
            lab.settle(src);
            long fallbacks = QueueLab.sum(lab.rt.queueCounters(), CounterSnapshot::fallbacks);
            assertTrue(fallbacks >= Settings.SLOW_BATCHES, "the slow batches were counted as fallbacks: " + fallbacks);
            long kernelDropped = lab.tap.kernelCounters().txDropped();
            assertEquals(r.sent(), checker.delivered.get() + lab.drops() + kernelDropped, "every frame accounted for");
            assertEquals(0, checker.duplicates.get());
            assertEquals(0, checker.reordered.get(), "a slow strategy's frames stay on its lanes: flows keep their order");
        }
    }
}
