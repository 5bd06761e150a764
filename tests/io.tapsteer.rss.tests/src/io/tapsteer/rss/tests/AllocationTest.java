package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.internal.RssStrategy;
import io.tapsteer.testsupport.Ipv6Frames;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates nothing: the bytes this thread allocates while steering a few hundred
 * thousand frames of every shape, frame by frame and in batches, stay below what a single per-frame object would cost many times over.
 */
class AllocationTest {
    static final int ROUNDS = 50_000;

    @Test
    void steeringAndParsingAllocateNothingPerFrame() throws Exception {
        byte[] a = {(byte) 192, 0, 2, 1};
        byte[] b = {(byte) 203, 0, 113, 2};
        List<byte[]> shapes = List.of(
                new FrameBuilder().ipv4(a, b).tcp(1000, 80).build(),
                new FrameBuilder().vlan(FrameBuilder.TPID_8021AD, 1).vlan(FrameBuilder.TPID_8021Q, 2).ipv4(a, b).udp(1, 2).build(),
                new FrameBuilder().ipv4(a, b).tcp(1000, 80).fragment(100, false).build(),
                new FrameBuilder().ipv6(Ipv6Frames.SRC, Ipv6Frames.DST).udp(5000, 53).build(),
                new Ipv6Frames().routing(2, Ipv6Frames.CARE_OF_DST).homeAddress(Ipv6Frames.HOME).tcp(7, 8),
                new FrameBuilder().etherType(0x0806).build());
        ByteBuffer mem = ByteBuffer.allocateDirect(shapes.size() * 256);
        Frame[] frames = new Frame[shapes.size()];
        for (int i = 0; i < frames.length; i++) {
            mem.put(i * 256 + 20, shapes.get(i), 0, shapes.get(i).length);
            frames[i] = new Frame(null).set(mem, i * 256 + 20, shapes.get(i).length, 20, 0);
        }
        RssEngine engine = new RssEngine(RssConfig.defaults(4));
        RssStrategy strategy = new RssStrategy();
        FlowKey key = new FlowKey();

        Method allocated = ClassLoader.getSystemClassLoader().loadClass("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        Object mx = ManagementFactory.getThreadMXBean();
        long sink = run(engine, strategy, key, frames); // warm up: JIT, lazily fitted engines
        for (int i = 0; i < 50; i++) {
            allocated.invoke(mx); // reflection settles before measuring
        }
        long calibrate = (long) allocated.invoke(mx);
        long before = (long) allocated.invoke(mx);
        sink += run(engine, strategy, key, frames);
        long after = (long) allocated.invoke(mx);
        long perMeasurement = before - calibrate;
        long steered = (long) ROUNDS * frames.length * 5;
        assertTrue(after - before - perMeasurement < 4096,
                (after - before - perMeasurement) + " bytes allocated while steering " + steered + " frames");
        assertTrue(sink > 0, "the results were used");
    }

    private static long run(RssEngine engine, RssStrategy strategy, FlowKey key, Frame[] frames) {
        long sink = 0;
        FrameBatch batch = new FrameBatch() {
            @Override
            public String device() {
                return "test";
            }

            @Override
            public int lane() {
                return -1;
            }

            @Override
            public int size() {
                return frames.length;
            }

            @Override
            public Frame frame(int i) {
                return frames[i];
            }
        };
        int[] lanes = new int[frames.length];
        for (int r = 0; r < ROUNDS; r++) {
            strategy.select(batch, 4, lanes); // the batch decision, as the pollers ask it
            sink += lanes[r % lanes.length];
            for (Frame f : frames) {
                sink += engine.queueOf(f.buffer(), f.offset(), f.length());
                sink += engine.queueOf(f);
                sink += strategy.select(f, 4);
                sink += FrameParser.parse(f.buffer(), f.offset(), f.length(), key).sourcePort();
            }
        }
        return sink;
    }
}
