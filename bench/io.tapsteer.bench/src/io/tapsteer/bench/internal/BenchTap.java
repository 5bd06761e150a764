package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.internal.NativeTapService;
import java.util.ArrayList;
import java.util.List;

/**
 * The one tap every pair runs on, in a private namespace. Between measurements the tap has no
 * attached queue: a single holder queue, detached, keeps the (non-persistent) device alive, and each
 * side attaches the queues it measures with and closes them afterwards. So tapsteer and C see the
 * same device, ring sizes and namespace, and a crash leaks nothing: the device dies with the last fd.
 */
public final class BenchTap implements AutoCloseable {
    /** Ring length per queue (txqueuelen): long enough to ride out scheduling hiccups of a reader. */
    public static final int RING = 4096;

    private final NativeTapService service = new NativeTapService(null);
    private final NetNamespace ns;
    private final TapDevice device;

    private BenchTap(String label) {
        ns = service.privateNamespace(label);
        try {
            device = service.create(TapOptions.builder().name("tsb%d").queues(1).build(), ns);
            device.setTxQueueLength(RING);
            device.detach(device.queues().get(0));
        } catch (RuntimeException e) {
            service.closeAll();
            ns.close();
            throw e;
        }
    }

    /** @return a tap with no attached queue in a new private namespace */
    public static BenchTap open(String label) {
        return new BenchTap(label);
    }

    /** @return the tap service the tap was made with */
    public NativeTapService service() {
        return service;
    }

    /** @return the namespace */
    public NetNamespace namespace() {
        return ns;
    }

    /** @return the device */
    public TapDevice device() {
        return device;
    }

    /** @return the device name */
    public String name() {
        return device.name();
    }

    /** @return {@code n} newly attached queues */
    public List<TapQueue> attach(int n) {
        List<TapQueue> q = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            q.add(device.addQueue());
        }
        return q;
    }

    /** Closes queues attached with {@link #attach}. */
    public void release(List<TapQueue> queues) {
        for (TapQueue q : queues) {
            device.closeQueue(q);
        }
    }

    /** @return the kernel counters of the tap */
    public KernelCounters counters() {
        return device.kernelCounters();
    }

    @Override
    public void close() {
        service.closeAll();
        ns.close();
    }
}
