package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A consumer supplies the memory a queue's frames land in (a "page constructor", as in zero-copy receive into guest memory). */
class SuppliedMemoryTest {

    @Test
    void framesOfAQueueLandInTheMemoryItsConsumerSupplied() {
        FlowChecker checker = new FlowChecker(256);
        ByteBuffer[] supplied = new ByteBuffer[1];
        AtomicLong inSupplied = new AtomicLong();
        AtomicLong elsewhereOnQueue0 = new AtomicLong();
        FrameHandler where = (FrameBatch b) -> {
            for (int i = 0; i < b.size(); i++) {
                if (b.frame(i).queue() == 0) {
                    (b.frame(i).buffer() == supplied[0] ? inSupplied : elsewhereOnQueue0).incrementAndGet();
                }
            }
        };
        try (QueueLab lab = new QueueLab("mem", 2, Settings.defaults().withPool(256, 0)).handler(checker).handler(where).start()) {
            long need = lab.rt.memoryPerQueue();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lab.rt.supplyMemory(0, ByteBuffer.allocate((int) need)));
            assertTrue(e.getMessage().contains("must be direct (ByteBuffer.allocateDirect) and hold " + need + " bytes"), e.getMessage());
            supplied[0] = ByteBuffer.allocateDirect((int) need);
            lab.rt.supplyMemory(0, supplied[0]);
            TrafficSource src = lab.traffic(256).frames(20_000).rate(40_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            assertTrue(inSupplied.get() > 0, "queue 0's frames arrived in the supplied memory");
            assertEquals(0, elsewhereOnQueue0.get(), "and nowhere else");
            assertEquals(r.sent(), checker.delivered.get() + lab.drops() + lab.tap.kernelCounters().txDropped());
        }
    }
}
