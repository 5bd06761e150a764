package io.tapsteer.bench.measure;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.DeviceQueueManager;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the bytes the data path allocates per frame in steady state, with the JVM's per-thread
 * allocation counters (com.sun.management.ThreadMXBean#getThreadAllocatedBytes). RX counts every
 * poller and lane thread while a lab traffic source feeds a tap in a private namespace; TX counts
 * the thread calling {@code transmit()}. Warm-up frames (JIT, first touches) are excluded. For
 * benchmarks: a number to report, not a timed assertion.
 */
public final class AllocationMeter {
    /**
     * One measurement.
     *
     * @param direction "rx" or "tx"
     * @param frames frames measured (after warm-up)
     * @param bytes bytes the measured threads allocated meanwhile
     * @param nanos time the measured part took
     */
    public record Report(String direction, long frames, long bytes, long nanos) {
        /** @return bytes allocated per frame */
        public double bytesPerFrame() {
            return frames == 0 ? Double.NaN : (double) bytes / frames;
        }

        /** @return frames per second during the measured part */
        public double framesPerSecond() {
            return nanos == 0 ? 0 : frames * 1e9 / nanos;
        }

        @Override
        public String toString() {
            return String.format("%s: %d frames, %d bytes allocated, %.4f bytes/frame, %.0f frames/s", direction, frames, bytes,
                    bytesPerFrame(), framesPerSecond());
        }
    }

    private static final long WARM_UP = 200_000;

    private AllocationMeter() {
    }

    /**
     * RX: pollers and lanes of a {@code queues}-queue tap deliver {@code frames} frames to a no-op handler.
     *
     * @param service makes the namespace, the tap and the traffic source's socket
     * @param frames frames to measure, at least 1,000,000 for a meaningful number
     * @param userLanes whether to steer in user space (flow-hash lanes) instead of lane = queue
     * @param limit time limit for the whole measurement
     */
    public static Report rx(TapService service, int queues, long frames, boolean userLanes, Duration limit) {
        return rx(service, queues, frames, userLanes ? "flow-hash" : "automq", null, limit);
    }

    /**
     * RX as {@link #rx(TapService, int, long, boolean, Duration)}, steered in user space by a given
     * strategy (its batch select, once per batch, as the pollers ask every strategy).
     *
     * @param strategy the strategy of the user-space lanes, or null for lane = queue
     */
    public static Report rx(TapService service, int queues, long frames, SteeringStrategy strategy, Duration limit) {
        return rx(service, queues, frames, strategy != null ? strategy.name() : "automq", strategy, limit);
    }

    private static Report rx(TapService service, int queues, long frames, String name, SteeringStrategy strategy,
            Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (NetNamespace ns = service.privateNamespace("alloc-rx")) {
            TapDevice tap = service.create(TapOptions.builder().name("alloc%d").queues(queues).build(), ns);
            tap.setTxQueueLength(10_000);
            FrameHandler noop = batch -> { };
            DeviceQueueManager rt = strategy != null ? DeviceQueueManager.start(tap, strategy, noop)
                    : DeviceQueueManager.start(tap, name, noop);
            try {
                feed(service, tap, rt, WARM_UP, deadline);
                long[] ids = rt.threadIds();
                long before = allocated(ids);
                long rx0 = received(rt);
                long t0 = System.nanoTime();
                feed(service, tap, rt, frames, deadline);
                long nanos = System.nanoTime() - t0;
                long after = allocated(ids);
                return new Report("rx", received(rt) - rx0, after - before, nanos);
            } finally {
                rt.close();
                tap.close();
            }
        }
    }

    /**
     * TX: the calling thread transmits {@code frames} frames of 64 flows through the active strategy
     * (automq: a flow hash picks the queue), half with one call per frame, half in batches of 64.
     */
    public static Report tx(TapService service, int queues, long frames, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (NetNamespace ns = service.privateNamespace("alloc-tx")) {
            TapDevice tap = service.create(TapOptions.builder().name("alloc%d").queues(queues).build(), ns);
            DeviceQueueManager rt = DeviceQueueManager.start(tap, "automq");
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(64 * 128);
                int[] len = new int[64];
                FrameBuilder b = new FrameBuilder();
                for (int i = 0; i < 64; i++) {
                    len[i] = Flows.mixed(b, i).stamp(i, 0).writeTo(buf, i * 128);
                }
                transmit(rt, buf, len, WARM_UP, deadline);
                long id = Thread.currentThread().getId();
                long before = allocated(new long[] {id});
                long t0 = System.nanoTime();
                long sent = transmit(rt, buf, len, frames, deadline);
                long nanos = System.nanoTime() - t0;
                return new Report("tx", sent, allocated(new long[] {id}) - before, nanos);
            } finally {
                rt.close();
                tap.close();
            }
        }
    }

    /** Half the frames one call each, half in batches of 64: both TX paths are measured. */
    private static long transmit(DeviceQueueManager rt, ByteBuffer buf, int[] len, long frames, long deadline) {
        long sent = 0;
        long single = frames / 2;
        for (long i = 0; i < single && System.nanoTime() - deadline < 0; i++) {
            int f = (int) (i & 63);
            if (rt.transmit(buf, f * 128, len[f])) {
                sent++;
            }
        }
        int[] offsets = new int[64];
        for (int f = 0; f < 64; f++) {
            offsets[f] = f * 128;
        }
        for (long i = single; i < frames && System.nanoTime() - deadline < 0; i += 64) {
            sent += rt.transmit(buf, offsets, len, (int) Math.min(64, frames - i));
        }
        return sent;
    }

    private static void feed(TapService service, TapDevice tap, DeviceQueueManager rt, long frames, long deadline) {
        long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
        long target = received(rt) + frames;
        while (received(rt) < target && System.nanoTime() - deadline < 0) {
            long missing = target - received(rt);
            try (TrafficSource src = TrafficSource.builder(service, tap).flows(256).frames(missing)
                    .duration(Duration.ofMillis(remaining)).build().start()) {
                src.await();
            }
            long settle = System.nanoTime() + 200_000_000L; // let the pollers finish what the kernel queued
            while (received(rt) < target && System.nanoTime() - settle < 0) {
                LockSupport.parkNanos(1_000_000L);
            }
            remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
        }
    }

    private static long received(DeviceQueueManager rt) {
        long n = 0;
        for (CounterSnapshot s : rt.queueCounters()) {
            n += s.rxPackets();
        }
        return n;
    }

    private static long allocated(long[] threadIds) {
        try {
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean", true, ClassLoader.getSystemClassLoader());
            Method m = type.getMethod("getThreadAllocatedBytes", long[].class);
            long[] each = (long[]) m.invoke(ManagementFactory.getThreadMXBean(), (Object) threadIds);
            long sum = 0;
            for (long b : each) {
                if (b < 0) {
                    throw new IllegalStateException("a measured thread ended during the measurement");
                }
                sum += b;
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("this JVM does not count allocated bytes per thread (com.sun.management.ThreadMXBean): " + e, e);
        }
    }
}
