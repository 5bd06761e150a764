package io.tapsteer.bench.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.bench.internal.DecisionFrames.Kind;
import io.tapsteer.queue.SteeringCall;
import io.tapsteer.rss.RssStrategies;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Millions of steering decisions per second of the CPU time of the deciding thread: the decision the
 * pollers run (the rss strategy, default configuration, over {@link DecisionFrames#LANES} lanes, asked
 * as {@link SteeringCall} asks it for each batch of 64 frames in a direct buffer) against the same
 * decision in C on the same bytes (c/tsb_decide.c: parse, hash-type cascade, fully unrolled
 * byte-table Toeplitz, table), and, where the CPU has GFNI and AVX-512, DPDK's {@code rte_thash_gfni}
 * in the same C decision as context. Before any figure counts, every side hashes the Microsoft RSS
 * verification vectors to their values and its decisions of the frames sum to the checksum of the
 * bit-by-bit reference.
 */
public final class DecisionBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** The Microsoft vectors: source, destination, source port, destination port, hash with ports. */
    private static final String[][] VECTORS = {
        {"66.9.149.187", "161.142.100.80", "2794", "1766", "51ccc178"},
        {"199.92.111.2", "65.69.140.83", "14230", "4739", "c626b0ea"},
        {"24.19.198.95", "12.22.207.184", "12898", "38024", "5c2b394a"},
        {"38.27.205.30", "209.142.163.6", "48228", "2217", "afc7327f"},
        {"153.39.163.191", "202.188.127.2", "44251", "1303", "10e828a2"},
        {"3ffe:2501:200:1fff::7", "3ffe:2501:200:3::1", "2794", "1766", "40207d3d"},
        {"3ffe:501:8::260:97ff:fe40:efab", "ff02::1", "14230", "4739", "dde51bbf"},
        {"3ffe:1900:4545:3:200:f8ff:fe21:67cf", "fe80::200:f8ff:fe21:67cf", "44251", "38024", "02d1feef"},
    };

    private final CBaselines c;
    private final int passes;

    /**
     * @param c the compiled C programs
     * @param passes passes over the frames per measurement
     */
    public DecisionBench(CBaselines c, int passes) {
        this.c = c;
        this.passes = passes;
    }

    /** @return millions of decisions per second of the C byte-table decision, after its checks */
    public double c(Kind kind) {
        return cProgram("tsb_decide", kind);
    }

    /**
     * @return millions of decisions per second of DPDK's GFNI Toeplitz in the same C decision
     * @throws IllegalStateException saying why it cannot run here (no GFNI/AVX-512, no DPDK headers)
     */
    public double gfni(Kind kind) {
        String why = c.gfniUnavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        return cProgram("tsb_decide_gfni", kind);
    }

    private double cProgram(String program, Kind kind) {
        DecisionFrames frames = new DecisionFrames(kind);
        Path file = c.dir().resolve("frames-" + kind.name().toLowerCase());
        if (!Files.exists(file)) {
            frames.writeTo(file);
        }
        Map<String, Long> m = c.run(null, 120, program, file.toString(), String.valueOf(passes));
        if (m.get("sum").intValue() != frames.referenceSum()) {
            throw new IllegalStateException(program + " decides the " + kind + " frames unlike the reference");
        }
        return m.get("decisions") * 1e3 / m.get("cpu_ns");
    }

    /** @return millions of decisions per second of the rss strategy as the pollers ask it, after its checks */
    public double tapsteer(Kind kind) {
        SteeringStrategy s = RssStrategies.withDefaults();
        checkVectors(s, kind);
        DecisionFrames frames = new DecisionFrames(kind);
        Batches b = new Batches(frames);
        if (b.sum(s) != frames.referenceSum()) {
            throw new IllegalStateException("the rss strategy decides the " + kind + " frames unlike the reference");
        }
        int sink = 0;
        for (int p = 0; p < Math.max(passes / 4, 200); p++) { // warm-up: let the JIT compile the path
            sink ^= pass(s, b);
        }
        long start = CPU.getCurrentThreadCpuTime();
        for (int p = 0; p < passes; p++) {
            sink ^= pass(s, b);
        }
        long nanos = CPU.getCurrentThreadCpuTime() - start;
        blackhole = sink;
        return (double) passes * DecisionFrames.FRAMES * 1e3 / nanos;
    }

    @SuppressWarnings("unused") // keeps the JIT from dropping the decisions as dead code
    private static volatile int blackhole;

    /** One pass over every frame, batch by batch, as a poller steers. */
    private static int pass(SteeringStrategy s, Batches b) {
        int acc = 0;
        for (int start = 0; start < DecisionFrames.FRAMES; start += DecisionFrames.BATCH) {
            b.batch.start = start;
            SteeringCall.select(s, b.batch, DecisionFrames.LANES, b.lanes);
            acc += b.lanes[DecisionFrames.BATCH - 1];
        }
        return acc;
    }

    /** Every Microsoft vector as a frame of the pair's kind through the strategy: the hash on the frame must be the vector's. */
    private static void checkVectors(SteeringStrategy s, Kind kind) {
        ByteBuffer buf = ByteBuffer.allocateDirect(DecisionFrames.SLOT);
        Frame f = new Frame(null);
        for (String[] v : VECTORS) {
            byte[] src = address(v[0]);
            byte[] dst = address(v[1]);
            if ((src.length == 16) != (kind == Kind.IPV6_UDP)) {
                continue;
            }
            byte[] tuple = new byte[2 * src.length + 4];
            System.arraycopy(src, 0, tuple, 0, src.length);
            System.arraycopy(dst, 0, tuple, src.length, src.length);
            ByteBuffer.wrap(tuple).putShort(2 * src.length, (short) Integer.parseInt(v[2]))
                    .putShort(2 * src.length + 2, (short) Integer.parseInt(v[3]));
            int len = DecisionFrames.write(buf, 0, tuple, kind == Kind.IPV4_TCP ? 6 : 17, 10);
            s.select(f.set(buf, 0, len, 0, 0), DecisionFrames.LANES);
            if (f.hash() != (int) Long.parseLong(v[4], 16)) {
                throw new IllegalStateException(String.format("the rss strategy hashes the Microsoft vector %s -> %s to %08x, not %s",
                        v[0], v[1], f.hash(), v[4]));
            }
        }
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: never looked up
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The frames as a poller's pool holds them, and one reusable batch over them. */
    private static final class Batches {
        final Frame[] frames = new Frame[DecisionFrames.FRAMES];
        final Window batch;
        final int[] lanes = new int[DecisionFrames.BATCH];
        final DecisionFrames source;

        Batches(DecisionFrames d) {
            source = d;
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new Frame(null).set(d.buffer(), i * DecisionFrames.SLOT, d.length(i), 0, 0);
            }
            batch = new Window(frames);
        }

        /** @return the checksum of one pass's decisions, as {@link DecisionFrames#referenceSum()} forms it */
        int sum(SteeringStrategy s) {
            int sum = 0;
            for (int start = 0; start < DecisionFrames.FRAMES; start += DecisionFrames.BATCH) {
                batch.start = start;
                SteeringCall.select(s, batch, DecisionFrames.LANES, lanes);
                for (int i = 0; i < DecisionFrames.BATCH; i++) {
                    Frame f = frames[start + i];
                    sum += f.hash() + lanes[i] * 0x9e3779b1 + f.hashReport().value() * 0x85ebca6b;
                }
            }
            return sum;
        }
    }

    /** A batch of 64 frames of the pool from {@code start}, as the poller's batch is. */
    private static final class Window implements FrameBatch {
        private final Frame[] frames;
        int start;

        Window(Frame[] frames) {
            this.frames = frames;
        }

        @Override
        public String device() {
            return "bench";
        }

        @Override
        public int lane() {
            return -1;
        }

        @Override
        public int size() {
            return DecisionFrames.BATCH;
        }

        @Override
        public Frame frame(int i) {
            if (i < 0 || i >= DecisionFrames.BATCH) {
                throw new IndexOutOfBoundsException("frame " + i + " of a batch of " + DecisionFrames.BATCH);
            }
            return frames[start + i];
        }
    }
}
