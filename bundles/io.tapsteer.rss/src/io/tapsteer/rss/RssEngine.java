package io.tapsteer.rss;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameLayout;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.frame.NetworkOrder;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Software virtio-net RSS for one configuration: parse, hash-type cascade, Toeplitz over source
 * address, destination address, source port, destination port, then the indirection table
 * ({@code table[hash & (size - 1)]}); frames no enabled type covers go to the unclassified queue.
 *
 * <p>This is the reference: the kernel eBPF RSS program must pick {@link #queueOf} for every frame.
 * Immutable and thread-safe; {@link #queueOf} and {@link #decide} allocate nothing and take no lock.
 * A new configuration means a new engine (swap the reference).
 */
public final class RssEngine {
    /** Strategy name used in explanations. */
    public static final String NAME = "rss";

    private final RssConfig config;
    private final Toeplitz toeplitz;
    private final int[] table;
    private final int mask;
    private final int unclassified;
    private final int types;

    /** @param config the validated configuration */
    public RssEngine(RssConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        byte[] key = config.key();
        // a key shorter than 5 bytes is only accepted by RssConfig when no type is enabled: nothing is hashed
        this.toeplitz = key.length >= 5 ? new Toeplitz(key) : null;
        this.table = config.table();
        this.mask = table.length - 1;
        this.unclassified = config.unclassifiedQueue();
        this.types = toeplitz == null ? 0 : config.hashTypes();
    }

    /** @return the configuration */
    public RssConfig config() {
        return config;
    }

    /** @return the Toeplitz hasher of the key */
    public Toeplitz toeplitz() {
        return toeplitz;
    }

    /**
     * The hash and report of a frame without choosing a queue.
     *
     * @return packed: hash in the low 32 bits, hash report value (0 = NONE) in bits 32..35; see
     *         {@link #hashOf(long)} and {@link #reportOf(long)}
     */
    public long decide(ByteBuffer b, int off, int len) {
        long common = CommonFrames.decide(b, off, len, toeplitz, types);
        return common != CommonFrames.GENERAL ? common : general(b, off, len);
    }

    /** {@link #decide} of a frame {@link CommonFrames} does not decide: the general walk. */
    private long general(ByteBuffer b, int off, int len) {
        long layout = FrameParser.layout(b, off, len);
        int report = HashCascade.report(layout, types);
        if (report == 0) {
            return 0;
        }
        int l3 = off + FrameLayout.l3Offset(layout);
        Toeplitz t = toeplitz;
        int h;
        if (report <= 3) { // IPv4 source and destination address: one 8-byte read
            long addresses = NetworkOrder.u64(b, l3 + 12);
            h = t.word((int) (addresses >>> 32), 0) ^ t.word((int) addresses, 4);
        } else if (report <= 6) {
            h = t.hash(b, l3 + 8, 32, 0);
        } else {
            int home = FrameParser.homeAddressOffset(b, off, len, layout);
            int rt2 = FrameParser.routingType2Offset(b, off, len, layout);
            h = t.hash(b, home >= 0 ? off + home : l3 + 8, 16, 0) ^ t.hash(b, rt2 >= 0 ? off + rt2 : l3 + 24, 16, 16);
        }
        if (HashCascade.hasPorts(report)) {
            // source and destination port: one word
            h ^= t.word(NetworkOrder.u32(b, off + FrameLayout.l4Offset(layout)), report <= 3 ? 8 : 32);
        }
        return (long) report << 32 | h & 0xffffffffL;
    }

    /** @return the hash of a {@link #decide} result */
    public static int hashOf(long decision) {
        return (int) decision;
    }

    /** @return the hash report value of a {@link #decide} result, 0 for NONE */
    public static int reportOf(long decision) {
        return (int) (decision >>> 32) & 0xf;
    }

    /** @return the queue for a {@link #decide} result */
    public int queueOf(long decision) {
        return reportOf(decision) == 0 ? unclassified : table[(int) decision & mask];
    }

    /**
     * @param b the buffer
     * @param off start of the Ethernet header
     * @param len frame length
     * @return the queue RSS puts the frame on
     */
    public int queueOf(ByteBuffer b, int off, int len) {
        return queueOf(decide(b, off, len));
    }

    /**
     * Steers a frame and records the hash and report on it; when the frame has a vnet header of 20
     * bytes or more, writes them into it too ({@link VnetHashHeader}).
     *
     * @return the queue
     */
    public int queueOf(Frame frame) {
        long d = decide(frame.buffer(), frame.offset(), frame.length());
        record(frame, d);
        return queueOf(d);
    }

    /**
     * Steers a batch as {@link #queueOf(Frame)} steers each of its frames (the same queues, the same
     * hash and report on each frame and in its vnet header), in one call. A poller's frames all lie
     * in its one pool buffer: each frame is checked once to lie in the buffer of the batch's first
     * frame, and is then decided on that buffer, so the buffer's state is read once per batch, not
     * once per frame. The frames are taken two at a time and the common frames' decisions of both
     * ({@link CommonFrames}) computed side by side, so the processor overlaps their table lookups; a
     * frame the shortcut does not decide takes the general walk, a frame in another buffer the
     * per-frame path.
     *
     * @param batch the frames
     * @param queuesOut receives the queue of {@code batch.frame(i)} at {@code i}; at least
     *        {@code batch.size()} long
     */
    public void queuesOf(FrameBatch batch, int[] queuesOut) {
        int n = batch.size();
        if (n == 0) {
            return;
        }
        ByteBuffer b = batch.frame(0).buffer();
        Toeplitz t = toeplitz;
        int ty = types;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            Frame f0 = batch.frame(i);
            Frame f1 = batch.frame(i + 1);
            if (f0.buffer() != b || f1.buffer() != b) {
                queuesOut[i] = queueOf(f0);
                queuesOut[i + 1] = queueOf(f1);
                continue;
            }
            int o0 = f0.offset();
            int o1 = f1.offset();
            int l0 = f0.length();
            int l1 = f1.length();
            long d0 = CommonFrames.decide(b, o0, l0, t, ty);
            long d1 = CommonFrames.decide(b, o1, l1, t, ty);
            if (d0 == CommonFrames.GENERAL) {
                d0 = general(b, o0, l0);
            }
            if (d1 == CommonFrames.GENERAL) {
                d1 = general(b, o1, l1);
            }
            record(f0, d0);
            record(f1, d1);
            queuesOut[i] = queueOf(d0);
            queuesOut[i + 1] = queueOf(d1);
        }
        if (i < n) {
            queuesOut[i] = queueOf(batch.frame(i));
        }
    }

    private static void record(Frame frame, long d) {
        int report = reportOf(d);
        frame.hash(hashOf(d), HashReport.of(report));
        VnetHashHeader.write(frame, hashOf(d), report);
    }

    /** @return why {@link #queueOf} picks the queue it picks (allocates: not for the data path) */
    public Explanation explain(ByteBuffer b, int off, int len) {
        return RssExplainer.explain(this, b, off, len);
    }

    /** @return why {@link #queueOf(Frame)} picks the queue it picks (allocates: not for the data path) */
    public Explanation explain(Frame frame) {
        return RssExplainer.explain(this, frame.buffer(), frame.offset(), frame.length());
    }

    /** @return the indirection-table slot of a hash */
    public int slotOf(int hash) {
        return hash & mask;
    }

    int types() {
        return types;
    }
}
