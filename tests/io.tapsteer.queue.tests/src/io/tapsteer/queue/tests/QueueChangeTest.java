package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Queues detached, re-attached and added while traffic runs: traffic keeps flowing and lanes follow. */
class QueueChangeTest {

    private static Map<Integer, Long> rxByQueue(QueueLab lab) {
        return lab.rt.queueCounters().stream().collect(Collectors.toMap(CounterSnapshot::index, CounterSnapshot::rxPackets));
    }

    @Test
    void withKernelSteeringADetachLosesNoFrame() {
        try (EbpfKernelSteering ebpf = new EbpfKernelSteering(false)) {
            long purged = changeQueuesUnderTraffic("qchk", ebpf);
            assertEquals(0, purged, "the kernel was steered away from the queue and it was read empty before it detached");
        }
    }

    @Test
    void aDetachWaitsUntilTheQueueItsHandlerHeldUpIsReadEmpty() {
        FlowChecker checker = new FlowChecker(256);
        Stall stall = new Stall(checker, "-q1");
        try (EbpfKernelSteering ebpf = new EbpfKernelSteering(false);
                QueueLab lab = new QueueLab("qstl", 4, Settings.defaults()).handler(stall).start()) {
            lab.rt.setKernelSteering(ebpf);
            TrafficSource src = lab.traffic(256).frames(60_000).rate(40_000).build().start();
            QueueLab.sleep(500);
            stall.armed = true;
            QueueLab.sleep(100); // queue 1's poller sits in its handler; frames pile up in the queue's ring
            long before = System.nanoTime();
            lab.rt.detachQueue(1);
            long waited = (System.nanoTime() - before) / 1_000_000L;
            assertTrue(stall.stalled, "queue 1's handler was held up");
            assertTrue(waited >= 100, "the detach waited for the held-up queue to be read: " + waited + " ms");
            TrafficSource.Result r = src.await();
            lab.settle(src);
            KernelCounters k = lab.tap.kernelCounters();
            long read = lab.received();
            assertEquals(read, checker.delivered.get() + lab.drops(), "everything read is delivered or counted");
            assertEquals(r.sent(), read + k.txDropped(),
                    "every frame sent was read or counted by the kernel as dropped; none vanished with the detached queue");
        }
    }

    /** Holds up the first batch a queue's poller delivers once armed, for {@link #MILLIS}. */
    private static final class Stall implements FrameHandler {
        static final long MILLIS = 300;
        private final FrameHandler next;
        private final String threadSuffix;
        volatile boolean armed;
        volatile boolean stalled;

        Stall(FrameHandler next, String threadSuffix) {
            this.next = next;
            this.threadSuffix = threadSuffix;
        }

        @Override
        public void onBatch(FrameBatch batch) {
            if (armed && !stalled && Thread.currentThread().getName().endsWith(threadSuffix)) {
                stalled = true;
                QueueLab.sleep(MILLIS);
            }
            next.onBatch(batch);
        }
    }

    @Test
    void withoutKernelSteeringOnlyWhatTheDetachedQueueHeldIsGone() {
        long purged = changeQueuesUnderTraffic("qchg", null);
        assertTrue(purged >= 0 && purged < 3_000, "only frames queued on the detached queue at that moment are gone: " + purged);
    }

    /** @return frames the kernel dropped, uncounted, from the ring of the detached queue */
    private static long changeQueuesUnderTraffic(String label, EbpfKernelSteering kernel) {
        FlowChecker checker = new FlowChecker(1024);
        try (QueueLab lab = new QueueLab(label, 4, Settings.defaults()).handler(checker).start()) {
            lab.rt.setKernelSteering(kernel);
            TrafficSource src = lab.traffic(1024).frames(300_000).rate(60_000).build().start();
            QueueLab.sleep(700);
            lab.rt.detachQueue(1);
            assertEquals(3, lab.rt.lanes(), "lanes follow the attached queues");
            assertEquals(3, lab.tap.attachedQueues());
            Map<Integer, Long> atDetach = rxByQueue(lab);
            QueueLab.sleep(700);
            Map<Integer, Long> detached = rxByQueue(lab);
            assertEquals(atDetach.get(1), detached.get(1), "a detached queue receives nothing");
            for (int q : new int[] {0, 2, 3}) {
                assertTrue(detached.get(q) > atDetach.get(q), "queue " + q + " keeps receiving");
            }
            lab.rt.attachQueue(1);
            QueueLab.sleep(700);
            assertTrue(rxByQueue(lab).get(1) > detached.get(1), "the re-attached queue receives again");
            TapQueue added = lab.rt.addQueue();
            assertEquals(5, lab.rt.lanes());
            QueueLab.sleep(700);
            assertTrue(src.sent() < 300_000, "the changes happened while traffic ran");
            assertTrue(rxByQueue(lab).get(added.id()) > 0, "the added queue receives");
            TrafficSource.Result r = src.await();
            lab.settle(src);
            KernelCounters k = lab.tap.kernelCounters();
            long read = lab.received();
            assertEquals(read, k.txPackets(), "the kernel counts exactly what the pollers read");
            assertEquals(read, checker.delivered.get() + lab.drops(), "everything read is delivered or counted");
            long purged = r.sent() - read - k.txDropped();
            System.out.println("queue changes (" + (kernel == null ? "no " : "") + "kernel steering): " + r
                    + "; frames the kernel purged from the detached queue's ring: " + purged);
            assertEquals(0, checker.duplicates.get());
            // order is not asserted: when the queue count changes the kernel moves flows to other queues
            // while their earlier frames may still wait in the old queue's ring
            return purged;
        }
    }

    @Test
    void whatADetachedQueueDeliveredStaysCountedOnTheLanes() {
        FlowChecker checker = new FlowChecker(256);
        try (EbpfKernelSteering ebpf = new EbpfKernelSteering(false);
                QueueLab lab = new QueueLab("qcnt", 4, Settings.defaults()).handler(checker).start()) {
            lab.rt.setKernelSteering(ebpf);
            TrafficSource src = lab.traffic(256).frames(40_000).rate(40_000).build().start();
            QueueLab.sleep(400);
            lab.rt.detachQueue(1); // stays detached: its poller delivered on lane 1 itself (automq: lane = queue)
            TrafficSource.Result r = src.await();
            lab.settle(src);
            long lanes = lab.rt.laneCounters().stream().mapToLong(CounterSnapshot::rxPackets).sum();
            assertEquals(checker.delivered.get(), lanes, "the lanes count every frame delivered, the detached queue's too");
            assertTrue(rxByQueue(lab).get(1) > 0, "queue 1 delivered before it detached");
            assertEquals(r.sent(), lab.received() + lab.tap.kernelCounters().txDropped(), "and nothing was lost");
        }
    }

    @Test
    void badQueueChangesSayWhatIsAllowed() {
        try (QueueLab lab = new QueueLab("qbad", 2, Settings.defaults()).start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lab.rt.detachQueue(7));
            assertEquals("no queue 7 on " + lab.tap.name() + ": queues are [0, 1]", e.getMessage());
            lab.rt.detachQueue(0);
            e = assertThrows(IllegalArgumentException.class, () -> lab.rt.detachQueue(1));
            assertTrue(e.getMessage().contains("is the last attached queue"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lab.rt.attachQueue(1));
            assertTrue(e.getMessage().contains("is already attached"), e.getMessage());
            lab.rt.attachQueue(0);
            assertEquals(2, lab.rt.lanes());
        }
    }

}
