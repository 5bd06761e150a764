package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.tap.StandaloneTapService;

/**
 * The one tap every pair runs on, in a private namespace. The tap is persistent and has no queue
 * between measurements: each side attaches the queues it measures with (tapsteer by opening the tap
 * by name, C with TUNSETIFF in the namespace) and closes them afterwards. So tapsteer and C see the
 * same device, ring sizes and namespace. {@link #close()} clears the persist flag, and the device
 * goes with its namespace in any case, so a crash leaks nothing.
 */
public final class BenchTap implements AutoCloseable {
    /** Ring length per queue (txqueuelen): long enough to ride out scheduling hiccups of a reader. */
    public static final int RING = 4096;

    private final StandaloneTapService service = new StandaloneTapService();
    private final NetNamespace ns;
    private final String name;

    private BenchTap(String label) {
        ns = service.privateNamespace(label);
        try {
            TapDevice d = service.create(TapOptions.builder().name("tsb%d").queues(1).persist(true).build(), ns);
            name = d.name();
            d.setTxQueueLength(RING);
            d.close();
        } catch (RuntimeException e) {
            service.close();
            ns.close();
            throw e;
        }
    }

    /** @return a tap with no attached queue in a new private namespace */
    public static BenchTap open(String label) {
        return new BenchTap(label);
    }

    /** @return the tap service the tap was made with */
    public StandaloneTapService service() {
        return service;
    }

    /** @return the namespace */
    public NetNamespace namespace() {
        return ns;
    }

    /** @return the device name */
    public String name() {
        return name;
    }

    /** @return the tap opened with {@code queues} newly attached queues; close it to detach them */
    public TapDevice open(int queues) {
        return service.create(TapOptions.builder().name(name).queues(queues).build(), ns);
    }

    @Override
    public void close() {
        try {
            TapDevice d = open(1);
            d.setPersist(false);
            d.close(); // the last fd: the device goes
        } catch (RuntimeException e) {
            // the namespace's end removes the device anyway
        } finally {
            service.close();
            ns.close();
        }
    }
}
