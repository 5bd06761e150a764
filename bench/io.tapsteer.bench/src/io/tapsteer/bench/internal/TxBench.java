package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.bench.BenchOptions;
import io.tapsteer.queue.internal.DeviceRuntime;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * User-to-kernel frames/s: prebuilt frames written into one queue of the tap. The namespace has no
 * addresses, so the stack drops them early (PACKET_OTHERHOST): the figure is the write path's cost,
 * not a socket's. Both sides write the same frames, round robin over the same flows.
 */
public final class TxBench {
    private final BenchTap tap;
    private final CBaselines c;
    private final BenchOptions options;

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
            DeviceRuntime rt = reader.runtime();
            return batched ? timedBatches(rt) : timed((buf, off, len) -> rt.transmit(buf, off, len) ? len : 0);
        } finally {
            if (reader != null) {
                reader.stop();
            }
            device.close();
        }
    }

    private double timedBatches(DeviceRuntime rt) {
        int len = BenchFrames.HEADERS + RxBench.PAYLOAD;
        ByteBuffer frames = BenchFrames.build(RxBench.FLOWS, RxBench.PAYLOAD);
        int batch = 64;
        int[] offsets = new int[batch];
        int[] lengths = new int[batch];
        java.util.Arrays.fill(lengths, len);
        int total = options.txFrames();
        long deadline = System.nanoTime() + options.seconds() * 1_000_000_000L;
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
        if (written == 0) {
            throw new IllegalStateException("no frame was written");
        }
        return written * 1e3 / nanos;
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
        if (written == 0) {
            throw new IllegalStateException("no frame was written");
        }
        return written * 1e3 / nanos;
    }

    /** @return Mpps written by the C baseline (write(2)) */
    public double c() {
        Map<String, Long> m = c.run(tap.namespace(), options.seconds() + 5, "tsb_write", tap.name(), "1",
                String.valueOf(options.txFrames()), String.valueOf(options.seconds()), String.valueOf(RxBench.FLOWS),
                String.valueOf(RxBench.PAYLOAD));
        return m.get("frames") * 1e3 / m.get("ns");
    }
}
