package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.Settings;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** With a vnet header, a frame's view starts at the Ethernet header and the header sits just before it. */
class VnetHeaderTest {

    @Test
    void framesAreViewsPastTheVnetHeader() {
        FlowChecker checker = new FlowChecker(64);
        AtomicLong wrongHeader = new AtomicLong();
        FrameHandler header = (FrameBatch b) -> {
            for (int i = 0; i < b.size(); i++) {
                if (b.frame(i).vnetHeaderLength() != 12 || b.frame(i).u8(12) != 0x08 && b.frame(i).u8(12) != 0x86) {
                    wrongHeader.incrementAndGet();
                }
            }
        };
        TapOptions options = TapOptions.builder().name("vnet%d").queues(2).vnetHeaderSize(12).build();
        try (QueueLab lab = new QueueLab("vnet", options, Settings.defaults()).handler(checker).handler(header).start()) {
            TrafficSource src = lab.traffic(64).frames(5_000).rate(20_000).build().start();
            TrafficSource.Result r = src.await();
            lab.settle(src);
            assertEquals(r.sent(), checker.delivered.get(), "every frame parsed past its vnet header");
            assertEquals(0, wrongHeader.get());
            assertEquals(0, checker.lost(src));
        }
    }
}
