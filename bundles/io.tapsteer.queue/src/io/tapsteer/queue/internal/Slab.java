package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The pooled memory of one poller: one direct buffer cut into fixed slots, one {@link Frame} view
 * per slot, and a bounded lock-free free list. Only the poller takes frames; any thread may return
 * them (a frame goes back when its last reference is released). One buffer per poller keeps the tap
 * binding's native-address cache hitting on every read.
 *
 * <p>The free list is a bounded multi-producer ring (sequence numbers per cell, as in Vyukov's
 * bounded queue): no lock and no allocation per operation, and it can never overflow because it
 * has a cell for every frame. Sequence numbers are read with acquire and written with release
 * semantics, the orderings the algorithm needs (no full fence per frame). One extra slot past the frames is a scratch area the poller reads
 * into when the pool is exhausted, so the kernel's frame is consumed and counted as a drop.
 */
final class Slab implements Frame.Owner {
    private final ByteBuffer memory;
    private final int slotBytes;
    private final int frames;
    private final int mask;
    private final AtomicReferenceArray<Frame> cells;
    private final AtomicLongArray sequences;
    private final java.util.concurrent.atomic.AtomicLong enqueue = new java.util.concurrent.atomic.AtomicLong();
    private long dequeue; // poller only

    /**
     * @param frames how many frames, at least 1
     * @param slotBytes bytes per frame, vnet header included
     * @param supplied memory to cut into slots (a consumer's "page constructor"), or null to allocate
     */
    Slab(int frames, int slotBytes, ByteBuffer supplied) {
        this.frames = frames;
        this.slotBytes = slotBytes;
        long bytes = (long) (frames + 1) * slotBytes;
        if (supplied != null) {
            if (!supplied.isDirect() || supplied.capacity() < bytes) {
                throw new IllegalArgumentException("supplied frame memory must be direct (ByteBuffer.allocateDirect) and hold "
                        + bytes + " bytes (" + (frames + 1) + " slots of " + slotBytes + "); it is "
                        + (supplied.isDirect() ? "direct" : "on the heap") + " with " + supplied.capacity() + " bytes");
            }
            memory = supplied;
        } else {
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(frames + " frames of " + slotBytes + " bytes do not fit one buffer: lower poolFrames");
            }
            memory = ByteBuffer.allocateDirect((int) bytes);
        }
        int cap = Integer.highestOneBit(Math.max(1, frames - 1)) << 1;
        mask = cap - 1;
        cells = new AtomicReferenceArray<>(cap);
        sequences = new AtomicLongArray(cap);
        for (int i = 0; i < cap; i++) {
            sequences.set(i, i);
        }
        for (int i = 0; i < frames; i++) {
            recycle(new Frame(this).set(memory, i * slotBytes, 0, 0, -1));
        }
    }

    /**
     * @return where the frame's slot starts: the poller always sets a frame's offset to its slot
     *         start plus its vnet header, so the slot is recovered without a lookup
     */
    static int base(Frame frame) {
        return frame.offset() - frame.vnetHeaderLength();
    }

    /** @return the slab's memory */
    ByteBuffer memory() {
        return memory;
    }

    /** @return bytes per slot */
    int slotBytes() {
        return slotBytes;
    }

    /** @return where the scratch slot starts */
    int scratch() {
        return frames * slotBytes;
    }

    /** @return the number of frames */
    int frames() {
        return frames;
    }

    /** @return a free frame holding one reference, or null when every frame is in use. Poller only. */
    Frame take() {
        long pos = dequeue;
        int i = (int) pos & mask;
        if (sequences.get(i) != pos + 1) {
            return null; // empty
        }
        Frame f = cells.get(i);
        cells.lazySet(i, null);
        sequences.lazySet(i, pos + mask + 1); // release: the cell is empty before a producer may refill it
        dequeue = pos + 1;
        return f.retain();
    }

    /** Returns a frame whose last reference went; any thread. */
    @Override
    public void recycle(Frame frame) {
        while (true) {
            long pos = enqueue.get();
            int i = (int) pos & mask;
            long seq = sequences.get(i);
            if (seq == pos) {
                if (enqueue.compareAndSet(pos, pos + 1)) {
                    cells.lazySet(i, frame);
                    sequences.lazySet(i, pos + 1); // release: the frame is in the cell before the poller may take it
                    return;
                }
            } else if (seq < pos) {
                throw new IllegalStateException("frame pool overflow: a frame was returned twice");
            }
            // another releaser got this cell first: retry with the next position
        }
    }

    /** @return frames in the free list now (approximate while frames move) */
    int free() {
        return (int) (enqueue.get() - dequeue);
    }
}
