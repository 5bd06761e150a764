package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * Transmit: the active strategy picks the queue for a frame and the frame is written on that queue's
 * fd. A thread's frame view is made once; counters are adders, so any number of threads may
 * transmit without a lock or an allocation per frame. Batches go through {@link TxBatch}: one kernel
 * crossing for up to a whole batch.
 */
final class Transmitter {
    private final DeviceRuntime runtime;
    private final int vnet;
    private final ThreadLocal<Frame> view = ThreadLocal.withInitial(DeviceRuntime::newTxFrame);
    private final TxBatch batch;
    private volatile Poller[] byIndex = new Poller[0];

    Transmitter(DeviceRuntime runtime, Settings settings) {
        this.runtime = runtime;
        this.vnet = runtime.device().vnetHeaderSize();
        this.batch = new TxBatch(this, runtime.device(), settings.budget(), settings.batchIo());
    }

    /** Rebuilds the kernel-index table after queues changed. */
    void reindex(Collection<Poller> pollers) {
        int n = 0;
        for (Poller p : pollers) {
            n += p.queue.isAttached() ? 1 : 0;
        }
        Poller[] t = new Poller[n];
        for (Poller p : pollers) {
            int i = p.queue.index();
            if (i >= 0 && i < n) {
                t[i] = p;
            }
        }
        byIndex = t;
    }

    Poller pollerAt(int index) {
        Poller[] t = byIndex;
        return index >= 0 && index < t.length ? t[index] : null;
    }

    boolean transmit(Active a, ByteBuffer buffer, int offset, int length) {
        checkLength(length);
        Poller p = pick(a, view.get(), buffer, offset, length);
        TapQueue queue = p.queue;
        if (queue.write(buffer, offset, length) <= 0) {
            return false;
        }
        sent(p, 1, length);
        return true;
    }

    int transmit(Active a, ByteBuffer buffer, int[] offsets, int[] lengths, int count) {
        if (count < 0 || count > offsets.length || count > lengths.length) {
            throw new IllegalArgumentException("a batch of " + count + " frames does not fit its arrays of "
                    + offsets.length + " offsets and " + lengths.length + " lengths");
        }
        for (int i = 0; i < count; i++) { // refuse a bad batch before any frame of it is written
            checkLength(lengths[i]);
        }
        int done = batch.transmit(a, buffer, offsets, lengths, count);
        if (done >= 0) {
            return done;
        }
        int n = 0; // the batch path is busy (another thread) or unavailable: one call per frame
        for (int i = 0; i < count; i++) {
            n += transmit(a, buffer, offsets[i], lengths[i]) ? 1 : 0;
        }
        return n;
    }

    /**
     * The queue (its poller) the active strategy picks for a frame; a throw, an out-of-range answer or
     * a queue that is gone costs a counted fallback to queue 0, never the frame. The caller has
     * checked the frame's length.
     */
    Poller pick(Active a, Frame f, ByteBuffer buffer, int offset, int length) {
        Poller[] t = byIndex;
        if (t.length == 1) {
            return t[0]; // one attached queue: nothing to choose, so the strategy is not asked
        }
        if (t.length == 0) {
            throw new IllegalStateException("no attached queue on " + runtime.device().name() + " to transmit on");
        }
        f.set(buffer, offset + vnet, length - vnet, vnet, -1);
        int q;
        try {
            q = a.strategy().select(f, t.length);
        } catch (Throwable e) { // a broken strategy costs a fallback, never the frame
            q = -1;
        }
        if (q < 0 || q >= t.length || t[q] == null) {
            t[0].txFallbacks.increment();
            return t[0];
        }
        return t[q];
    }


    /** Counts {@code frames} frames of {@code bytes} bytes (vnet headers included) sent on p's queue. */
    void sent(Poller p, int frames, long bytes) {
        if (p != null && frames > 0) {
            p.txPackets.add(frames);
            p.txBytes.add(bytes - (long) frames * vnet);
        }
    }

    private void checkLength(int length) {
        if (length < vnet + 14) {
            throw new IllegalArgumentException("frame of " + length + " bytes is too short: at least " + (vnet + 14)
                    + " bytes are needed (" + (vnet > 0 ? vnet + "-byte vnet header + " : "") + "14-byte Ethernet header)");
        }
    }

    /** Releases the batch path's kernel resources, after any batch in flight. */
    void close() {
        batch.close();
    }
}
