package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strategies swapped under traffic: nothing lost, nothing duplicated, every flow in order. */
class HotSwapTest {
    private static final String[] CYCLE = {"flow-hash", "single-queue", "automq"};

    @Test
    void swapLatencyIsMeasuredForEverySwap() {
        io.tapsteer.bench.measure.SwapLatency.Report r = io.tapsteer.bench.measure.SwapLatency.measure(
                new io.tapsteer.tap.internal.NativeTapService(null), 4, 20, 50_000);
        System.out.println(r);
        assertEquals(20, r.nanos().length);
        // a swap that ran into its timeout would mean a poller never left a section with the old strategy
        assertTrue(r.max() < Settings.defaults().swapTimeoutMillis() * 1_000_000L, "no swap ran into its timeout: " + r);
    }

    @Test
    void twentySwapsUnderThousandFlowsLoseDuplicateAndReorderNothing() {
        FlowChecker checker = new FlowChecker(1024);
        Settings s = Settings.defaults().withLanes(4).withPool(65_536, 0).withFrameBytes(256);
        // deep lane rings (8192 frames per poller and lane): under single-queue one lane takes every frame,
        // and on a busy machine its thread may wait for a CPU for a while
        try (QueueLab lab = new QueueLab("swap", 4, s).handler(checker).start()) {
            TrafficSource src = lab.traffic(1024).frames(300_000).rate(60_000).build().start();
            QueueLab.waitFor(() -> checker.delivered.get() > 20_000, 10_000);
            List<Long> swapMicros = new ArrayList<>();
            long deliveredAtFirstSwap = checker.delivered.get();
            for (int i = 0; i < 20; i++) {
                String next = CYCLE[i % CYCLE.length];
                lab.rt.useStrategy(next);
                assertEquals(next, lab.rt.activeStrategy());
                swapMicros.add(lab.rt.lastSwapNanos() / 1000);
                QueueLab.sleep(100);
            }
            long deliveredAtLastSwap = checker.delivered.get();
            assertTrue(src.sent() < 300_000, "the swaps happened while traffic ran");
            TrafficSource.Result r = src.await();
            lab.settle(src);
            KernelCounters k = lab.tap.kernelCounters();
            System.out.println("hot swap: " + r + ", swap times (us) " + swapMicros);
            assertTrue(deliveredAtLastSwap - deliveredAtFirstSwap > 60_000, "frames flowed during the swaps");
            System.out.println("hot swap: kernel drops " + k.txDropped() + " (a deep ring: 0 unless the machine starves the pollers)");
            assertEquals(0, lab.drops(), "nothing dropped by the queue manager: " + lab.rt.queueCounters().stream()
                    .map(q -> java.util.Arrays.toString(q.drops())).toList());
            assertEquals(k.txDropped(), checker.lost(src), "zero lost by the queue manager");
            assertEquals(0, checker.duplicates.get(), "zero duplicated");
            assertEquals(0, checker.reordered.get(), "zero reordered within a flow");
            assertEquals(r.sent() - k.txDropped(), checker.delivered.get());
        }
    }
}
