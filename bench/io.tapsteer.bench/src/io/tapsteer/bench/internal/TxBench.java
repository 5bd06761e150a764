package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.bench.BenchOptions;
import io.tapsteer.queue.DeviceQueueManager;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * User-to-kernel frames/s: prebuilt frames written into one queue of the tap. The namespace has no
 * addresses, so the stack drops them early (PACKET_OTHERHOST): the figure is the write path's cost,
 * not a socket's. Both sides write the same frames, round robin over the same flows.
 *
 * <p>The figure is frames per second of the writer's CPU time (user and system: the kernel's write
 * work runs in the writer's system calls): the sending thread on the Java side, the one-thread
 * process on the C side. On a virtual machine shared with other work, wall time also counts the time
 * the writer was not running (steal), which swung the same C loop between 0.7 and 1.3 us a frame from
 * one second to the next; CPU time stayed within a few percent. The wall-time rate of the last run of
 * each side is kept for the context pair ({@link #lastWallMpps()}).
 */
public final class TxBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final BenchTap tap;
    private final CBaselines c;
    private final BenchOptions options;
    private double lastWallMpps;

    public TxBench(BenchTap tap, CBaselines c, BenchOptions options) {
        this.tap = tap;
        this.c = c;
        this.options = options;
    }

    /**
     * @return Mpps sent with the queue manager's batch {@code transmit()}, 64 frames a call (strategy
     *         automq picks each frame's queue; one kernel crossing per batch)
     */
    public double tapsteer() {
        return throughQueueManager(true);
    }

    /** @return Mpps sent with the queue manager's {@code transmit()}, one frame a call */
    public double tapsteerSingle() {
        return throughQueueManager(false);
    }

    private double throughQueueManager(boolean batched) {
        TapDevice device = tap.open(1);
        QueueManagerReader reader = null;
        try {
            reader = new QueueManagerReader(device);
            DeviceQueueManager rt = reader.runtime();
            return batched ? timedBatches(rt) : timed((buf, off, len) -> rt.transmit(buf, off, len) ? len : 0);
        } finally {
            if (reader != null) {
                reader.stop();
            }
            device.close();
        }
    }

    /** @return the wall-time Mpps of the last measurement of either side */
    public double lastWallMpps() {
        return lastWallMpps;
    }

    /** Frames written, elapsed wall time and the writer's CPU time of one measurement. */
    private double rate(long written, long wallNanos, long cpuNanos) {
        if (written == 0) {
            throw new IllegalStateException("no frame was written");
        }
        lastWallMpps = written * 1e3 / wallNanos;
        return written * 1e3 / cpuNanos;
    }

    private double timedBatches(DeviceQueueManager rt) {
        int len = BenchFrames.HEADERS + RxBench.PAYLOAD;
        ByteBuffer frames = BenchFrames.build(RxBench.FLOWS, RxBench.PAYLOAD);
        int batch = 64;
        int[] offsets = new int[batch];
        int[] lengths = new int[batch];
        java.util.Arrays.fill(lengths, len);
        int total = options.txFrames();
        long deadline = System.nanoTime() + options.seconds() * 1_000_000_000L;
        long cpu = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long written = 0;
        for (int i = 0; i < total && System.nanoTime() < deadline; i += batch) {
            int n = Math.min(batch, total - i);
            for (int k = 0; k < n; k++) { // the same round robin over the flows as the C writer
                offsets[k] = ((i + k) % RxBench.FLOWS) * len;
            }
            written += rt.transmit(frames, offsets, lengths, n);
        }
        long nanos = System.nanoTime() - start;
        return rate(written, nanos, CPU.getCurrentThreadCpuTime() - cpu);
    }

    /** @return Mpps written with the tap-native binding alone ({@link TapQueue#write}) */
    public double binding() {
        TapDevice device = tap.open(1);
        try {
            TapQueue q = device.queues().get(0);
            return timed(q::write);
        } finally {
            device.close();
        }
    }

    private interface Writer {
        int write(ByteBuffer buffer, int offset, int length);
    }

    private double timed(Writer w) {
        int len = BenchFrames.HEADERS + RxBench.PAYLOAD;
        ByteBuffer frames = BenchFrames.build(RxBench.FLOWS, RxBench.PAYLOAD);
        int total = options.txFrames();
        long deadline = System.nanoTime() + options.seconds() * 1_000_000_000L;
        long cpu = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long written = 0;
        for (int i = 0; i < total; i++) {
            if (w.write(frames, (i % RxBench.FLOWS) * len, len) == len) {
                written++;
            }
            if ((i & 1023) == 0 && System.nanoTime() > deadline) {
                break;
            }
        }
        long nanos = System.nanoTime() - start;
        return rate(written, nanos, CPU.getCurrentThreadCpuTime() - cpu);
    }

    /** @return Mpps written by the C baseline (write(2)) */
    public double c() {
        Map<String, Long> m = c.run(tap.namespace(), options.seconds() + 5, "tsb_write", tap.name(), "1",
                String.valueOf(options.txFrames()), String.valueOf(options.seconds()), String.valueOf(RxBench.FLOWS),
                String.valueOf(RxBench.PAYLOAD));
        return rate(m.get("frames"), m.get("ns"), m.get("cpu_ns"));
    }
}
