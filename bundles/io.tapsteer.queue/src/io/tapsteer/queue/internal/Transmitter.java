package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * Transmit: the active strategy picks the queue for a frame and the frame is written on that queue's
 * fd. A thread's frame view is made once; counters are adders, so any number of threads may
 * transmit without a lock or an allocation per frame.
 */
final class Transmitter {
    private final DeviceRuntime runtime;
    private final int vnet;
    private final ThreadLocal<Frame> view = ThreadLocal.withInitial(DeviceRuntime::newTxFrame);
    private volatile Poller[] byIndex = new Poller[0];

    Transmitter(DeviceRuntime runtime) {
        this.runtime = runtime;
        this.vnet = runtime.device().vnetHeaderSize();
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
        if (length < vnet + 14) {
            throw new IllegalArgumentException("frame of " + length + " bytes is too short: at least " + (vnet + 14)
                    + " bytes are needed (" + (vnet > 0 ? vnet + "-byte vnet header + " : "") + "14-byte Ethernet header)");
        }
        Poller[] t = byIndex;
        if (t.length == 0) {
            throw new IllegalStateException("no attached queue on " + runtime.device().name() + " to transmit on");
        }
        Frame f = view.get();
        f.set(buffer, offset + vnet, length - vnet, vnet, -1);
        int q;
        try {
            q = a.strategy().select(f, t.length);
        } catch (Throwable e) { // a broken strategy costs a fallback, never the frame
            q = -1;
        }
        Poller p;
        if (q < 0 || q >= t.length || t[q] == null) {
            p = t[0];
            p.txFallbacks.increment();
        } else {
            p = t[q];
        }
        TapQueue queue = p.queue;
        if (queue.write(buffer, offset, length) <= 0) {
            return false;
        }
        p.txPackets.increment();
        p.txBytes.add(length - vnet);
        return true;
    }
}
