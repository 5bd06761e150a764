package io.tapsteer.api.frame;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A view on one frame in pooled direct memory: buffer, offset and length, the queue it arrived on,
 * the lane it is delivered on, and the RSS hash and hash report when a strategy computed them.
 *
 * <p>Frames are reused: a handler may read a frame only during the call that hands it over. To keep
 * it longer, call {@link #retain()} and later {@link #release()}. The offset points at the Ethernet
 * header; a vnet header, when the device has one, sits in the {@link #vnetHeaderLength()} bytes
 * before it.
 */
public final class Frame {
    /** Returned to the pool when the last reference is released. */
    public interface Owner {
        /** @param frame the frame whose references all went */
        void recycle(Frame frame);
    }

    private final Owner owner;
    private final AtomicInteger references = new AtomicInteger();
    private ByteBuffer buffer;
    private int offset;
    private int length;
    private int vnetHeaderLength;
    private int queue = -1;
    private int lane = -1;
    private int hash;
    private HashReport hashReport = HashReport.NONE;
    private long sequence;

    /** @param owner where the frame goes back when released, null for a frame that is never pooled */
    public Frame(Owner owner) {
        this.owner = owner;
    }

    /**
     * Points this frame at a region of memory. For providers (pools, pollers, parsers in tests).
     *
     * @param buffer direct (or heap, for tests) memory
     * @param offset start of the Ethernet header
     * @param length Ethernet frame length
     * @param vnetHeaderLength bytes of vnet header just before {@code offset}, 0 for none
     * @param queue kernel queue it arrived on, -1 for a frame made in user space
     * @return this
     */
    public Frame set(ByteBuffer buffer, int offset, int length, int vnetHeaderLength, int queue) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.vnetHeaderLength = vnetHeaderLength;
        this.queue = queue;
        this.lane = -1;
        this.hash = 0;
        this.hashReport = HashReport.NONE;
        return this;
    }

    /** @return the memory holding the frame */
    public ByteBuffer buffer() { return buffer; }
    /** @return where the Ethernet header starts in {@link #buffer()} */
    public int offset() { return offset; }
    /** @return the Ethernet frame length */
    public int length() { return length; }
    /** @return bytes of vnet header before {@link #offset()} */
    public int vnetHeaderLength() { return vnetHeaderLength; }
    /** @return the kernel queue the frame arrived on, -1 when made in user space */
    public int queue() { return queue; }
    /** @return the lane the frame is delivered on, -1 before steering */
    public int lane() { return lane; }
    /** @param lane the lane chosen for the frame */
    public void lane(int lane) { this.lane = lane; }
    /** @return the RSS hash, meaningful when {@link #hashReport()} is not NONE */
    public int hash() { return hash; }
    /** @return the hash report type */
    public HashReport hashReport() { return hashReport; }
    /** @return a per-device arrival sequence number set by the poller */
    public long sequence() { return sequence; }
    /** @param sequence the arrival sequence number */
    public void sequence(long sequence) { this.sequence = sequence; }

    /**
     * Records the RSS result on the frame.
     *
     * @param hash the Toeplitz hash
     * @param report the hash type it was computed for, NONE when unclassified
     */
    public void hash(int hash, HashReport report) {
        this.hash = hash;
        this.hashReport = report;
    }

    /** @return the byte at {@code index} from the start of the Ethernet header, unsigned */
    public int u8(int index) {
        return buffer.get(offset + index) & 0xff;
    }

    /** Takes a reference: the frame is not reused until the matching {@link #release()}. */
    public Frame retain() {
        references.incrementAndGet();
        return this;
    }

    /** Drops a reference; the last one returns the frame to its pool. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0 && owner != null) {
            owner.recycle(this);
        } else if (left < 0) {
            references.incrementAndGet();
            throw new IllegalStateException("frame released more often than retained");
        }
    }

    /** @return references now held */
    public int references() {
        return references.get();
    }
}
