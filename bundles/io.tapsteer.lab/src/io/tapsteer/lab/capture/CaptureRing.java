package io.tapsteer.lab.capture;

import io.tapsteer.api.frame.Frame;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One lane's frames on their way to the capture file: a single-producer (the lane's thread),
 * single-consumer (the capture's writer) ring of variable-length records in one preallocated
 * buffer. A record is a 24-byte header (kept length, wire length, queue, lane, time) and the
 * frame's first bytes, padded to 8. A frame that does not fit is counted in {@link #overflows()}
 * instead, so the lane never waits for the disk. Allocation-free and lock-free.
 */
final class CaptureRing {
    /** Header bytes before a record's frame bytes. */
    static final int HEADER = 24;
    /** A header with this kept length tells the reader to go back to the start of the buffer. */
    private static final int WRAP = -1;
    private final ByteBuffer buffer;
    private final int capacity;
    private final int snaplen;
    private final AtomicLong head = new AtomicLong(); // bytes written, by the producer
    private final AtomicLong tail = new AtomicLong(); // bytes read, by the consumer
    private volatile long overflows;

    CaptureRing(int capacity, int snaplen) {
        this.capacity = capacity;
        this.snaplen = snaplen;
        this.buffer = ByteBuffer.allocateDirect(capacity);
    }

    /** Producer: copies the frame's first {@code snaplen} bytes, or counts it when the ring is full. */
    void offer(Frame f, int lane, long nanos) {
        int kept = Math.min(f.length(), snaplen);
        int size = (HEADER + kept + 7) & ~7;
        long h = head.get();
        int at = (int) (h % capacity);
        long used = h - tail.get();
        int wrap = at + size > capacity ? capacity - at : 0;
        if (used + wrap + size > capacity) {
            overflows++; // single writer: the lane's thread
            return;
        }
        if (wrap > 0) {
            if (capacity - at >= 4) {
                buffer.putInt(at, WRAP);
            }
            h += wrap;
            at = 0;
        }
        buffer.putInt(at, kept).putInt(at + 4, f.length()).putInt(at + 8, f.queue()).putInt(at + 12, lane).putLong(at + 16, nanos);
        buffer.put(at + HEADER, f.buffer(), f.offset(), kept);
        head.lazySet(h + size);
    }

    /**
     * Consumer: hands the next record to {@code sink}.
     *
     * @return false when the ring is empty
     */
    boolean poll(Sink sink) throws Exception {
        long t = tail.get();
        if (t == head.get()) {
            return false;
        }
        int at = (int) (t % capacity);
        if (capacity - at < HEADER || buffer.getInt(at) == WRAP) {
            t += capacity - at;
            at = 0;
        }
        int kept = buffer.getInt(at);
        sink.frame(buffer, at + HEADER, kept, buffer.getInt(at + 4), buffer.getInt(at + 8), buffer.getInt(at + 12), buffer.getLong(at + 16));
        tail.lazySet(t + ((HEADER + kept + 7) & ~7));
        return true;
    }

    /** @return frames the lane could not put in the ring because the writer was behind */
    long overflows() {
        return overflows;
    }

    /** Where the consumer's records go. */
    interface Sink {
        void frame(ByteBuffer buffer, int offset, int kept, int length, int queue, int lane, long nanos) throws Exception;
    }
}
