package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;

/**
 * The reading half of a poller: up to a budget of frames from one queue into pool frames, with one
 * kernel crossing for the batch ({@link BatchIo}) or, without it, one read(2) per frame. Owned by
 * the poller thread; the counts describe the last {@link #read}.
 */
final class QueueReader {
    /** Fewest reads a batch stages: an idle queue woken for one frame costs this many empty reads at most. */
    private static final int MIN_READS = 8;
    private final TapQueue queue;
    private final int budget;
    private final int vnet;
    private final Frame[] frames;
    private final Frame[] pending;
    private BatchIo io;
    private int want;
    private boolean dry = true;
    private long sequence;
    private int index;
    private int count;
    private int exhausted;
    private int malformed;
    private long bytes;

    /**
     * @param frames where read frames go, at least {@code budget} long (the poller's batch)
     */
    QueueReader(TapQueue queue, int budget, int vnet, Frame[] frames) {
        this.queue = queue;
        this.budget = budget;
        this.vnet = vnet;
        this.frames = frames;
        this.pending = new Frame[budget];
        this.want = budget;
    }

    /** @param batchIo the thread's batch reader, or null for one read(2) per frame */
    void use(BatchIo batchIo) {
        io = batchIo;
    }

    /** Closes the batch reader, if any. */
    void close() {
        if (io != null) {
            io.close();
            io = null;
        }
    }

    /** @return frames read into the pool by the last read, in {@code frames[0 .. count)} */
    int count() {
        return count;
    }

    /** @return frames read and dropped because the pool was empty */
    int exhausted() {
        return exhausted;
    }

    /** @return frames read and dropped as malformed (no more than a vnet header) */
    int malformed() {
        return malformed;
    }

    /** @return everything the last read took from the kernel */
    int total() {
        return count + exhausted + malformed;
    }

    /** @return bytes of the frames read, vnet headers excluded */
    long bytes() {
        return bytes;
    }

    /** @return whether the last read found the queue empty (time to wait in epoll) */
    boolean dry() {
        return dry;
    }

    /** Reads up to the budget. A failure after some frames were read leaves them counted and in place. */
    void read(Slab slab) {
        index = queue.index(); // once per batch, as the per-frame loop always did
        count = 0;
        exhausted = 0;
        malformed = 0;
        bytes = 0;
        if (io != null && slab.free() > 0) {
            readBatch(slab);
        } else {
            readEach(slab);
        }
    }

    /** One read(2) per frame; a frame that finds the pool empty is read anyway and counted as dropped. */
    private void readEach(Slab slab) {
        ByteBuffer memory = slab.memory();
        int slot = slab.slotBytes();
        dry = false;
        while (total() < budget) {
            Frame f = slab.take();
            if (f == null) { // pool exhausted: consume the kernel's frame anyway, and count it
                if (queue.read(memory, slab.scratch(), slot) <= 0) {
                    dry = true;
                    return;
                }
                exhausted++;
                continue;
            }
            int n = queue.read(memory, Slab.base(f), slot);
            if (n <= 0) {
                f.release();
                dry = true;
                return;
            }
            accept(f, memory, n);
        }
    }

    /**
     * One kernel crossing for up to {@code want} reads into pool frames. {@code want} follows the
     * queue: it doubles while every read finds a frame and falls back to twice what the last batch
     * found once the queue runs dry, so an idle queue costs a few empty reads per wake-up, not a budget.
     */
    private void readBatch(Slab slab) {
        ByteBuffer memory = slab.memory();
        int slot = slab.slotBytes();
        int n = 0;
        try {
            while (n < want) {
                Frame f = slab.take();
                if (f == null) {
                    break;
                }
                pending[n++] = f;
                io.read(queue, memory, Slab.base(f), slot);
            }
            io.submit();
        } catch (RuntimeException e) { // give the frames back and read frame by frame from now on
            for (int i = 0; i < n; i++) {
                pending[i].release();
                pending[i] = null;
            }
            close();
            throw e;
        }
        for (int i = 0; i < n; i++) {
            Frame f = pending[i];
            pending[i] = null;
            int r = io.result(i);
            if (r > 0) {
                accept(f, memory, r);
            } else {
                f.release();
            }
        }
        int got = count + malformed;
        dry = got < n;
        want = Math.min(budget, dry ? Math.max(MIN_READS, 2 * got) : 2 * want);
        if (got == 0) {
            throwFailure(n);
        }
    }

    /**
     * Nothing was read: when a read failed for another reason than an empty queue, throws what the
     * per-frame read would have thrown (the batch's own words for "would block" decide, see
     * {@link BatchIo#error}).
     */
    private void throwFailure(int n) {
        for (int i = n - 1; i >= 0; i--) {
            TapException e = io.error(i);
            if (e != null) {
                throw e;
            }
        }
    }

    /** A frame of {@code n} bytes (vnet header included) landed in {@code f}'s slot. */
    private void accept(Frame f, ByteBuffer memory, int n) {
        if (n <= vnet) {
            f.release();
            malformed++;
            return;
        }
        f.set(memory, Slab.base(f) + vnet, n - vnet, vnet, index);
        f.sequence(sequence++);
        frames[count++] = f;
        bytes += n - vnet;
    }
}
