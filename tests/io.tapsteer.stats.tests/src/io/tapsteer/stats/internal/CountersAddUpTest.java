package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.tap.KernelCounters;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/** The real queue manager with lab traffic: every frame sent is accounted for, on both sides. */
class CountersAddUpTest {

    @Test
    void sentEqualsDeliveredPlusCountedDropsAndQueuesMatchArrival() {
        try (StatsRig rig = new StatsRig("sa", 4, "automq")) {
            AtomicLongArray arrivals = new AtomicLongArray(8); // by the kernel queue each frame says it came on
            rig.handler(batch -> {
                for (int i = 0; i < batch.size(); i++) {
                    arrivals.incrementAndGet(batch.frame(i).queue());
                }
            });
            KernelCounters before = rig.manager.device().kernelCounters();
            long sent = rig.source().flows(1024).frames(20_000).build().runHere().sent();
            DeviceStats s = rig.settle(sent);
            KernelView k = s.kernel();
            long delivered = 0;
            for (QueueStats l : s.lanes()) {
                delivered += l.counters().rxPackets();
            }
            assertEquals(20_000, sent);
            assertEquals(sent, delivered + s.drops() + k.kernelDropped(), "sent = delivered + counted drops");
            assertEquals(delivered, k.tapsteerDelivered());
            for (QueueStats q : s.queues()) {
                CounterSnapshot c = q.counters();
                int kernelIndex = rig.manager.device().queues().get(c.index()).index();
                assertEquals(c.rxPackets() - c.totalDrops(), arrivals.get(kernelIndex),
                        "queue " + c.index() + " rx is what arrived on kernel queue " + kernelIndex);
                assertTrue(c.rxPackets() > 0, "automq spreads 1024 flows over every queue: queue " + c.index());
            }
            KernelCounters after = k.counters();
            assertEquals(sent, after.txPackets() - before.txPackets() + after.txDropped() - before.txDropped(),
                    "the kernel's counters moved by what was sent");
            // bytes are counted for frames that got a buffer: pool-exhausted and malformed ones have none
            long unbuffered = s.drops(DropReason.POOL_EXHAUSTED) + s.drops(DropReason.MALFORMED);
            assertTrue(unbuffered > 0 || s.rxBytes() == after.txBytes() - before.txBytes(),
                    "bytes agree with the kernel's: " + s.rxBytes() + " vs " + (after.txBytes() - before.txBytes()));
            assertTrue(k.explanation().contains("Every frame the kernel delivered (" + k.kernelDelivered()), k.explanation());
        }
    }

    @Test
    void framesTheKernelDroppedOnAFullRingAreCountedAndExplained() throws Exception {
        try (StatsRig rig = new StatsRig("sk", 1, "automq")) {
            CountDownLatch release = new CountDownLatch(1);
            rig.handler(new FrameHandler() {
                private boolean held;

                @Override
                public void onBatch(FrameBatch batch) {
                    if (!held) { // stall the queue's poller once: nobody reads while the ring fills
                        held = true;
                        try {
                            release.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            long sent = rig.source().flows(64).frames(3000).build().runHere().sent();
            release.countDown();
            DeviceStats s = rig.settle(sent);
            KernelView k = s.kernel();
            assertEquals(3000, sent);
            assertTrue(k.kernelDropped() > 0, "a ring of txqueuelen 1000 overflows: " + k.explanation());
            assertEquals(sent, s.lanes().get(0).counters().rxPackets() + s.drops() + k.kernelDropped());
            assertEquals(k.kernelDelivered(), k.tapsteerRead(), "the kernel counts what tapsteer read");
            assertTrue(k.explanation().startsWith("The kernel dropped " + k.kernelDropped()
                    + " frames before tapsteer saw them (tx_dropped: a queue ring was full"), k.explanation());
        }
    }
}
