package io.tapsteer.lab.capture;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A per-queue capture of one device's frames into a pcapng file: a frame handler on the device's
 * lanes copies each frame it is given into its lane's {@link CaptureRing} (nothing else happens on
 * the lane's thread), and the caller's thread writes the rings out, one interface block per tap queue
 * ({@code DEVICE:qN}), each frame in the block of the queue it arrived on, with the RSS hash and hash
 * type that software RSS computes for it and the lane it was delivered on.
 */
public final class QueueCapture implements FrameHandler {
    /** Bytes of ring per lane. */
    public static final int RING_BYTES = 4 << 20;
    /** The most bytes a capture writes. */
    public static final long MAX_BYTES = 2L << 30;

    /**
     * What a capture did.
     *
     * @param perQueue frames written per queue
     * @param notCaptured frames the lanes delivered while the writer was too far behind (not in the file)
     * @param bytes bytes of the file
     * @param stoppedBy what ended it: "frames", "seconds", "size", "interrupted"
     * @param failure why writing failed (the file keeps what was written before), or null
     */
    public record Result(long[] perQueue, long notCaptured, long bytes, String stoppedBy, String failure) {
        /** @return frames written, over every queue */
        public long frames() {
            long t = 0;
            for (long n : perQueue) {
                t += n;
            }
            return t;
        }
    }

    private final String device;
    private final boolean[] wanted;
    private final CaptureRing[] rings;
    private final RssEngine rss;
    private final long epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private final byte[] comment = new byte[64];
    private volatile boolean open = true;

    /**
     * @param device the device's name, for the interface names
     * @param wanted which of the device's tap queues to capture, one flag per queue
     * @param lanes the device's lanes
     * @param snaplen the most bytes kept of a frame
     * @param rss the RSS whose hash the file records
     */
    public QueueCapture(String device, boolean[] wanted, int lanes, int snaplen, RssEngine rss) {
        this.device = device;
        this.wanted = wanted.clone();
        this.rss = rss;
        this.rings = new CaptureRing[lanes];
        for (int i = 0; i < lanes; i++) {
            rings[i] = new CaptureRing(RING_BYTES, snaplen);
        }
    }

    @Override
    public void onBatch(FrameBatch batch) {
        int lane = batch.lane();
        if (!open || lane < 0 || lane >= rings.length) {
            return;
        }
        CaptureRing ring = rings[lane];
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            var f = batch.frame(i);
            int q = f.queue();
            if (q >= 0 && q < wanted.length && wanted[q]) {
                ring.offer(f, lane, now);
            }
        }
    }

    /** @return the interface names of the file, one per tap queue */
    public List<String> interfaceNames() {
        List<String> names = new ArrayList<>();
        for (int q = 0; q < wanted.length; q++) {
            names.add(device + ":q" + q);
        }
        return names;
    }

    /**
     * Writes the rings to {@code file} until {@code maxFrames} are written, {@code seconds} pass, the
     * file reaches {@link #MAX_BYTES} or the thread is interrupted; the handler takes no more frames
     * after that.
     *
     * @param file the file {@code out} writes, for messages
     * @return what was written, and why it stopped
     */
    public Result write(Path file, PcapngWriter out, long maxFrames, int seconds) {
        long[] perQueue = new long[wanted.length];
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String stoppedBy = "seconds";
        String failure = null;
        CaptureRing.Sink sink = (b, off, kept, length, queue, lane, nanos) -> {
            long d = rss.decide(b, off, kept);
            int report = RssEngine.reportOf(d);
            int n = comment(RssEngine.hashOf(d), report, lane);
            out.frame(queue, epochOffsetNanos + nanos, b, off, kept, length, queue, report != 0, RssEngine.hashOf(d), comment, n);
            perQueue[queue]++;
        };
        try {
            long written = 0;
            outer:
            while (true) {
                boolean any = false;
                for (CaptureRing r : rings) {
                    while (written < maxFrames && r.poll(sink)) {
                        any = true;
                        written++;
                    }
                    if (written >= maxFrames) {
                        stoppedBy = "frames";
                        break outer;
                    }
                }
                if (out.bytesWritten() >= MAX_BYTES) {
                    stoppedBy = "size";
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    stoppedBy = "interrupted";
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                if (!any) {
                    out.flush();
                    LockSupport.parkNanos(1_000_000L);
                }
            }
        } catch (CaptureException e) {
            failure = e.getMessage();
        } catch (Exception e) {
            failure = file + ": writing the capture failed: " + e;
        } finally {
            open = false;
        }
        long lost = 0;
        for (CaptureRing r : rings) {
            lost += r.overflows();
        }
        return new Result(perQueue, lost, out.bytesWritten(), stoppedBy, failure);
    }

    /** Writes "rss hash 0x1a2b3c4d type tcp4 lane 2" into {@link #comment}, without allocating. */
    private int comment(int hash, int report, int lane) {
        int n = put(0, "rss hash 0x");
        for (int shift = 28; shift >= 0; shift -= 4) {
            comment[n++] = (byte) "0123456789abcdef".charAt((hash >>> shift) & 0xf);
        }
        n = put(n, " type ");
        n = put(n, report == 0 ? "none" : TYPES[report]);
        n = put(n, " lane ");
        if (lane >= 100) {
            comment[n++] = (byte) ('0' + lane / 100);
        }
        if (lane >= 10) {
            comment[n++] = (byte) ('0' + lane / 10 % 10);
        }
        comment[n++] = (byte) ('0' + lane % 10);
        return n;
    }

    private int put(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            comment[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /** Hash types by report value, in ethtool's words (rss:show). */
    private static final String[] TYPES = {"none", "ipv4", "tcp4", "udp4", "ipv6", "tcp6", "udp6", "ipv6-ex", "tcp6-ex", "udp6-ex"};

    static {
        if (TYPES.length != HashReport.values().length) {
            throw new AssertionError("a name for every hash report");
        }
    }
}
