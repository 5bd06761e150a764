package io.tapsteer.bench.internal;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.bench.measure.ToeplitzTuples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Hashes/s of a Toeplitz hash over the same tuples (random, fixed seed, 4096 of them: they stay in
 * cache, so the figure is the hash, not memory) with the default 40-byte key. Both sides' results
 * are checked against a bit-by-bit reference before any figure counts. Time is the hashing thread's
 * CPU time on both sides: pure computation, so on a machine shared with other work the CPU time is
 * the fair measure (wall time would mostly measure the neighbours).
 */
public final class ToeplitzBench {
    /** Tuples per pass. */
    public static final int TUPLES = ToeplitzTuples.TUPLES;

    /** A Java Toeplitz implementation under test. */
    public interface Hasher {
        /** @return the hash of {@code length} bytes of {@code tuples} from {@code offset} */
        int hash(byte[] tuples, int offset, int length);
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final CBaselines c;
    private final int passes;

    public ToeplitzBench(CBaselines c, int passes) {
        this.c = c;
        this.passes = passes;
    }

    /** @return the tuples of one size, deterministic ({@link ToeplitzTuples#tuples}) */
    public static byte[] tuples(int length) {
        return ToeplitzTuples.tuples(length);
    }

    /** @return the wrapping sum of the reference hashes of every tuple */
    public static int referenceSum(int length) {
        byte[] t = tuples(length);
        int sum = 0;
        for (int i = 0; i < TUPLES; i++) {
            sum += reference(RssConfig.DEFAULT_KEY, t, i * length, length);
        }
        return sum;
    }

    /**
     * The specification's bit-by-bit loop ({@link ToeplitzTuples#reference}); used only to check
     * both sides, never timed.
     *
     * @return the hash of {@code length} bytes of {@code data} from {@code offset}
     */
    public static int reference(byte[] key, byte[] data, int offset, int length) {
        return ToeplitzTuples.reference(key, data, offset, length);
    }

    /** @return millions of hashes per second of the C byte-table baseline, after checking its sum */
    public double c(int length) {
        return cProgram("tsb_toeplitz", length);
    }

    /**
     * @return millions of hashes per second of DPDK's rte_thash_gfni over the same tuples, after
     *         checking its sum
     * @throws IllegalStateException saying why it cannot run here
     */
    public double gfni(int length) {
        String why = c.gfniUnavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        return cProgram("tsb_toeplitz_gfni", length);
    }

    private double cProgram(String program, int length) {
        Path file = c.dir().resolve("tuples-" + length);
        if (!Files.exists(file)) {
            write(file, length);
        }
        Map<String, Long> m = c.run(null, 120, program, file.toString(), String.valueOf(passes));
        int expected = referenceSum(length);
        if (m.get("sum").intValue() != expected) {
            throw new IllegalStateException(program + " disagrees with the reference on " + length + "-byte tuples");
        }
        return m.get("hashes") * 1e3 / m.get("cpu_ns");
    }

    /** @return millions of hashes per second of a Java hasher, after a warm-up, after checking its sum */
    public double java(Hasher h, int length) {
        byte[] t = tuples(length);
        int sum = 0;
        for (int i = 0; i < TUPLES; i++) {
            sum += h.hash(t, i * length, length);
        }
        if (sum != referenceSum(length)) {
            throw new IllegalStateException("the Java Toeplitz disagrees with the reference on " + length + "-byte tuples");
        }
        int sink = 0;
        for (int p = 0; p < Math.max(passes / 4, 200); p++) { // warm-up: let the JIT compile the loop
            sink ^= pass(h, t, length);
        }
        long start = CPU.getCurrentThreadCpuTime();
        for (int p = 0; p < passes; p++) {
            sink ^= pass(h, t, length);
        }
        long nanos = CPU.getCurrentThreadCpuTime() - start;
        blackhole = sink;
        return (double) passes * TUPLES * 1e3 / nanos;
    }

    @SuppressWarnings("unused") // keeps the JIT from dropping the hashing as dead code
    private static volatile int blackhole;

    /**
     * One pass over the tuples. As on the C side, the loop is instantiated per RSS tuple length, so
     * the compiler sees a constant length.
     *
     * <p>The bench's JVM starts with {@code pass12} and {@code pass36} never inlined ({@code BenchJvm},
     * as JMH compiles a benchmark method on its own): inlined into the harness's loops, the
     * timed machine code changed with each recompilation during the run, so rounds timed different
     * code (five runs of this code gave 12-byte ratios of 0.68-0.87; isolated, 0.92-1.02).
     *
     * <p>The loop of {@link #pass12} is written so that C2 (Java 17) compiles it as gcc compiles the
     * C loop: one tuple per iteration, the hash's loads and XORs in order, nothing on the stack. The
     * tuple's offset is a variable of its own beside the loop counter. Indexed by the counter
     * ({@code i * 12}), C2 unrolls the loop four times and keeps loop values on the stack (0.75 of
     * the C rate here); stepping one variable by 12, it proves the index in bounds, then moves all
     * the tuple's loads ahead of the XORs and spills. The hash, the tuples and the work per tuple are
     * the same in every form. At 36 bytes the plain loop is the faster form.
     */
    private static int pass(Hasher h, byte[] t, int length) {
        if (length == 12) {
            return pass12(h, t);
        }
        if (length == 36) {
            return pass36(h, t);
        }
        int acc = 0;
        for (int i = 0; i < TUPLES; i++) {
            acc ^= h.hash(t, i * length, length);
        }
        return acc;
    }

    private static int pass12(Hasher h, byte[] t) {
        int acc = 0;
        int off = 0;
        for (int done = 0; done < TUPLES * 12; done += 12) {
            acc ^= h.hash(t, off, 12);
            off += 12;
        }
        return acc;
    }

    private static int pass36(Hasher h, byte[] t) {
        int acc = 0;
        for (int i = 0; i < TUPLES; i++) {
            acc ^= h.hash(t, i * 36, 36);
        }
        return acc;
    }

    private static void write(Path file, int length) {
        byte[] t = tuples(length);
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + t.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RssConfig.DEFAULT_KEY).putInt(length).putInt(TUPLES).put(t);
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the tuple file " + file + ": " + e.getMessage(), e);
        }
    }
}
