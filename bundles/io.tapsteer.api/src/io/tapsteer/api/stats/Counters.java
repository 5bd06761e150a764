package io.tapsteer.api.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * 64-bit counters of one queue or lane, written by exactly one thread (its poller or lane thread),
 * once per batch, without locks or allocation; read from any thread as a consistent
 * {@link CounterSnapshot} through a sequence lock (a reader retries while a batch is being added).
 */
public final class Counters {
    /** Batch-size histogram buckets: 1, 2-3, 4-7, 8-15, 16-31, 32-63, 64-127, 128+. */
    public static final int BUCKETS = 8;
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(Counters.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int index;
    @SuppressWarnings("unused") // accessed through VERSION
    private volatile long version;
    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;
    private final long[] drops = new long[DropReason.values().length];
    private long fallbacks;
    private long batches;
    private final long[] batchSizes = new long[BUCKETS];

    /**
     * @param name what is counted, e.g. "queue" or "lane"
     * @param index its index
     */
    public Counters(String name, int index) {
        this.name = name;
        this.index = index;
    }

    private void begin() {
        VERSION.setRelease(this, (long) VERSION.getOpaque(this) + 1); // odd: write in progress
        VarHandle.storeStoreFence();
    }

    private void end() {
        VarHandle.storeStoreFence();
        VERSION.setRelease(this, (long) VERSION.getOpaque(this) + 1);
    }

    /** Adds one received batch: {@code frames} frames of {@code bytes} bytes in all. Writer thread only. */
    public void addRxBatch(int frames, long bytes) {
        begin();
        rxPackets += frames;
        rxBytes += bytes;
        batches++;
        batchSizes[bucket(frames)]++;
        end();
    }

    /** Adds transmitted frames. Writer thread only. */
    public void addTx(int frames, long bytes) {
        begin();
        txPackets += frames;
        txBytes += bytes;
        end();
    }

    /** Adds drops of one reason. Writer thread only. */
    public void addDrops(DropReason reason, int frames) {
        begin();
        drops[reason.ordinal()] += frames;
        end();
    }

    /** Adds steering fallbacks (strategy threw or chose an out-of-range lane). Writer thread only. */
    public void addFallbacks(int n) {
        begin();
        fallbacks += n;
        end();
    }

    /** @return the histogram bucket of a batch size */
    public static int bucket(int frames) {
        int b = 31 - Integer.numberOfLeadingZeros(Math.max(1, frames));
        return Math.min(b, BUCKETS - 1);
    }

    /** @return a consistent copy, from any thread */
    public CounterSnapshot snapshot() {
        while (true) {
            long v1 = (long) VERSION.getAcquire(this);
            if ((v1 & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long[] d = drops.clone();
            long[] h = batchSizes.clone();
            CounterSnapshot s = new CounterSnapshot(name, index, rxPackets, rxBytes, txPackets, txBytes, d, fallbacks,
                    batches, h);
            VarHandle.loadLoadFence();
            if ((long) VERSION.getAcquire(this) == v1) {
                return s;
            }
        }
    }
}
