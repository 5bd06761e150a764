package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Batched transmit: the frames of a batch are steered one by one, staged on the device's
 * {@link BatchIo} and written with one kernel crossing per {@code capacity} frames, where one
 * write(2) per frame pays the native call's cost per frame.
 *
 * <p>The device has one ring; a thread takes it with one compare-and-set per batch and never waits
 * for it: a thread that finds it taken sends its batch frame by frame instead. The ring is opened on
 * first use; a kernel without io_uring, or settings that turn batched I/O off, leave every batch on
 * the per-frame path.
 */
final class TxBatch {
    private static final Logger LOG = Logger.getLogger(TxBatch.class.getName());
    private static final int FREE = 0;
    private static final int TAKEN = 1;
    private static final int CLOSED = 2;
    private final Transmitter transmitter;
    private final TapDevice device;
    private final int capacity;
    private final AtomicInteger state = new AtomicInteger(FREE);
    private final Frame view = DeviceRuntime.newTxFrame(); // used by the ring's holder only
    private final Poller[] chosen;
    private BatchIo io; // guarded by state == TAKEN
    private boolean unavailable;

    TxBatch(Transmitter transmitter, TapDevice device, int capacity, boolean enabled) {
        this.transmitter = transmitter;
        this.device = device;
        this.capacity = capacity;
        this.chosen = new Poller[capacity];
        this.unavailable = !enabled;
    }

    /** @return frames written, or -1 when the caller must send frame by frame */
    int transmit(Active a, ByteBuffer buffer, int[] offsets, int[] lengths, int count) {
        if (!state.compareAndSet(FREE, TAKEN)) {
            return -1;
        }
        try {
            BatchIo ring = ring();
            if (ring == null) {
                return -1;
            }
            int done = 0;
            for (int start = 0; start < count; start += capacity) {
                done += writeChunk(ring, a, buffer, offsets, lengths, start, Math.min(capacity, count - start));
            }
            return done;
        } finally {
            state.set(FREE);
        }
    }

    private int writeChunk(BatchIo ring, Active a, ByteBuffer buffer, int[] offsets, int[] lengths, int start, int n) {
        try {
            for (int i = 0; i < n; i++) {
                Poller p = transmitter.pick(a, view, buffer, offsets[start + i], lengths[start + i]);
                ring.write(p.queue, buffer, offsets[start + i], lengths[start + i]);
                chosen[i] = p;
            }
        } catch (RuntimeException e) {
            ring.clear(); // nothing of this chunk was written
            Arrays.fill(chosen, null);
            throw e;
        }
        try {
            ring.submit();
        } catch (RuntimeException e) { // the ring failed as a whole: drop it, later batches go frame by frame
            Arrays.fill(chosen, null);
            io = null;
            unavailable = true;
            ring.close();
            throw e;
        }
        int done = 0;
        Poller run = null; // counters are added once per run of frames on one queue, not per frame
        int runFrames = 0;
        long runBytes = 0;
        for (int i = 0; i < n; i++) {
            Poller p = chosen[i];
            chosen[i] = null;
            if (ring.result(i) != lengths[start + i]) {
                continue;
            }
            if (p != run) {
                transmitter.sent(run, runFrames, runBytes);
                run = p;
                runFrames = 0;
                runBytes = 0;
            }
            runFrames++;
            runBytes += lengths[start + i];
            done++;
        }
        transmitter.sent(run, runFrames, runBytes);
        return done;
    }

    private BatchIo ring() {
        if (io == null && !unavailable) {
            try {
                io = device.newBatchIo(capacity);
            } catch (UnsupportedOperationException | TapException e) { // logged once: from now on frame by frame
                unavailable = true;
                LOG.info("tapsteer: " + device.name() + " transmits batches frame by frame: " + e.getMessage());
            }
        }
        return io;
    }

    /** Waits for a batch in flight (bounded), then closes the ring; later batches go frame by frame. */
    void close() {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!state.compareAndSet(FREE, CLOSED)) {
            if (state.get() == CLOSED || System.nanoTime() - until > 0) {
                return;
            }
            LockSupport.parkNanos(100_000L);
        }
        if (io != null) {
            io.close();
            io = null;
        }
    }
}
