package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import org.junit.jupiter.api.Test;

/** A strategy with a kernel form runs in the kernel when kernel steering is there (lane = queue), else in user space. */
class KernelPathTest {

    @Test
    void kernelFormIsAttachedWhenKernelSteeringIsPresentAndUserSpaceTakesOverWhenItGoes() {
        FlowChecker checker = new FlowChecker(256);
        try (QueueLab lab = new QueueLab("kpath", 4, Settings.defaults()).handler(checker).start()) {
            FixedQueueKernelSteering kernel = new FixedQueueKernelSteering();
            lab.rt.setKernelSteering(kernel);
            lab.rt.useStrategy("single-queue");
            assertEquals("single-queue via kernel program (fixed-queue 0)", lab.rt.steering());
            assertTrue(lab.rt.kernelProgramSteers(), "the strategy's own program steers");
            assertEquals(4, lab.rt.lanes(), "lane = queue: as many lanes as queues");
            TrafficSource src = lab.traffic(256).frames(4_000).rate(20_000).build().start();
            src.await();
            lab.settle(src);
            assertEquals(src.sent(), accountedFor(lab, checker), "sent = delivered + counted drops");
            assertEquals(checker.delivered.get(), checker.byQueue.get(0), "the kernel put every frame on queue 0");
            assertEquals(checker.delivered.get(), checker.byLane.get(0), "and queue 0 is lane 0");

            lab.rt.setKernelSteering(null);
            assertTrue(lab.rt.steering().startsWith("single-queue via user space: kernel steering went away"), lab.rt.steering());
            assertFalse(lab.rt.kernelProgramSteers(), "no program once kernel steering went away");
            long before = checker.delivered.get();
            TrafficSource again = lab.traffic(256).frames(4_000).rate(20_000).build().start();
            again.await();
            QueueLab.waitFor(() -> accountedFor(lab, checker) >= src.sent() + again.sent(), 10_000);
            assertEquals(src.sent() + again.sent(), accountedFor(lab, checker), "sent = delivered + counted drops");
            assertTrue(checker.delivered.get() > before, "user space delivered the second run");
            assertEquals(checker.delivered.get(), checker.byLane.get(0), "user space still puts everything on lane 0");
            assertTrue(checker.byQueue.get(1) + checker.byQueue.get(2) + checker.byQueue.get(3) > 0,
                    "without the program automq spreads the frames over the queues again");
        }
    }

    @Test
    void theEbpfBundlesKernelSteeringPutsTheStrategyInTheKernelAndAutomqTakesItOut() {
        FlowChecker checker = new FlowChecker(256);
        try (QueueLab lab = new QueueLab("kebpf", 4, Settings.defaults()).handler(checker).start();
                EbpfKernelSteering ebpf = new EbpfKernelSteering(false)) {
            assertTrue(ebpf.isAvailable(), ebpf.unavailabilityCause());
            lab.rt.setKernelSteering(ebpf);
            lab.rt.useStrategy("single-queue");
            assertEquals("single-queue via kernel program (fixed-queue 0)", lab.rt.steering());
            assertTrue(lab.rt.kernelProgramSteers(), "the strategy's own program steers");
            assertTrue(ebpf.status(lab.tap).isPresent(), "the program is attached");
            TrafficSource src = lab.traffic(256).frames(4_000).rate(20_000).build().start();
            src.await();
            lab.settle(src);
            assertEquals(src.sent(), accountedFor(lab, checker), "sent = delivered + counted drops");
            assertEquals(checker.delivered.get(), checker.byQueue.get(0), "the kernel put every frame on queue 0");

            lab.rt.useStrategy("automq");
            assertEquals("automq via kernel automq", lab.rt.steering());
            assertFalse(lab.rt.kernelProgramSteers(), "automq is the kernel's own steering, not a program");
            assertTrue(ebpf.status(lab.tap).isEmpty(), "automq detached the program");
            long before = checker.delivered.get();
            TrafficSource again = lab.traffic(256).frames(4_000).rate(20_000).build().start();
            again.await();
            QueueLab.waitFor(() -> accountedFor(lab, checker) >= src.sent() + again.sent(), 10_000);
            assertEquals(src.sent() + again.sent(), accountedFor(lab, checker), "sent = delivered + counted drops");
            assertTrue(checker.delivered.get() > before, "automq delivered the second run");
            assertTrue(checker.byQueue.get(1) + checker.byQueue.get(2) + checker.byQueue.get(3) > 0, "automq spreads again");
        }
    }

    @Test
    void withKernelProgramsTurnedOffTheStrategyStaysInUserSpaceOnAutomq() {
        FlowChecker checker = new FlowChecker(256);
        try (QueueLab lab = new QueueLab("knoprog", 4, Settings.defaults()).handler(checker).start();
                EbpfKernelSteering ebpf = new EbpfKernelSteering(false)) {
            lab.rt.allowKernelPrograms(false);
            lab.rt.setKernelSteering(ebpf);
            lab.rt.useStrategy("single-queue");
            assertEquals("single-queue via user space (kernelSteering=automq keeps the kernel on automq)", lab.rt.steering());
            assertTrue(ebpf.status(lab.tap).isEmpty(), "no program attached");
            TrafficSource src = lab.traffic(256).frames(4_000).rate(20_000).build().start();
            src.await();
            lab.settle(src);
            assertEquals(src.sent(), accountedFor(lab, checker), "sent = delivered + counted drops");
            assertEquals(checker.delivered.get(), checker.byLane.get(0), "user space put every frame on lane 0");
            assertTrue(checker.byQueue.get(1) + checker.byQueue.get(2) + checker.byQueue.get(3) > 0,
                    "while the kernel's automq spread them over the queues");
        }
    }

    /** Frames delivered to the handler plus every counted drop (tapsteer's and the kernel's full rings). */
    private static long accountedFor(QueueLab lab, FlowChecker checker) {
        return checker.delivered.get() + lab.drops() + lab.tap.kernelCounters().txDropped();
    }
}
