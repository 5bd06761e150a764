package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.RssSettings;
import io.tapsteer.rss.internal.RssStrategy;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Settings changed while pollers steer: every answer is the queue of the old or of the new
 * settings, never anything else, and after the change only the new one.
 */
class StrategySwapTest {
    static final String KEY = EthtoolTextTest.DEFAULT_KEY;

    @Test
    void concurrentSelectSeesOldOrNewSettingsOnly() throws Exception {
        RssSettings before = RssSettings.parse(KEY, "all", "size 64 equal 2", 0);
        RssSettings after = RssSettings.parse(KEY, "all", "size 64 start 2 equal 2", 0);
        RssStrategy strategy = new RssStrategy();
        strategy.apply(before);
        byte[][] frames = new byte[256][];
        FrameBuilder fb = new FrameBuilder();
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Flows.mixed(fb.reset(), i).build();
        }
        RssEngine oldEngine = new RssEngine(before.configFor(4));
        RssEngine newEngine = new RssEngine(after.configFor(4));
        AtomicInteger wrong = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] pollers = new Thread[2];
        for (int t = 0; t < pollers.length; t++) {
            pollers[t] = new Thread(() -> {
                Frame frame = new Frame(null);
                for (int round = 0; round < 500; round++) { // bounded in count
                    for (byte[] f : frames) {
                        frame.set(ByteBuffer.wrap(f), 0, f.length, 0, -1);
                        int lane = strategy.select(frame, 4);
                        int a = oldEngine.queueOf(ByteBuffer.wrap(f), 0, f.length);
                        int b = newEngine.queueOf(ByteBuffer.wrap(f), 0, f.length);
                        if (lane != a && lane != b) {
                            wrong.incrementAndGet();
                        }
                    }
                }
            }, "test-poller-" + t);
            pollers[t].setUncaughtExceptionHandler((th, e) -> failure.set(e));
            pollers[t].start();
        }
        for (int i = 0; i < 200; i++) {
            strategy.apply(i % 2 == 0 ? after : before);
            Thread.yield();
        }
        strategy.apply(after);
        for (Thread p : pollers) {
            p.join(60_000); // bounded in time
            assertTrue(!p.isAlive(), p.getName() + " finished");
        }
        assertEquals(null, failure.get());
        assertEquals(0, wrong.get(), "answers from neither the old nor the new settings");
        Frame frame = new Frame(null);
        for (byte[] f : frames) {
            frame.set(ByteBuffer.wrap(f), 0, f.length, 0, -1);
            int lane = strategy.select(frame, 4);
            assertEquals(newEngine.queueOf(ByteBuffer.wrap(f), 0, f.length), lane);
            assertTrue(lane == 2 || lane == 3, "the new table uses queues 2 and 3");
        }
    }
}
