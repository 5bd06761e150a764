package io.tapsteer.bench;

import java.util.List;

/**
 * The JVM options the benchmark harness runs with, beside its class path: {@code ./tapsteer bench}
 * starts the bench's JVM with exactly these. The timed Toeplitz passes are compiled on their own,
 * never inlined into their callers, as JMH compiles a benchmark method (see
 * {@code ToeplitzBench.pass12}); the JVM ignores a command for a method that does not exist, so the
 * harness's tests check that every method named here is one the harness has.
 */
public final class BenchJvm {
    /** The timed passes, as {@code class::method}. */
    public static final List<String> ISOLATED = List.of("io.tapsteer.bench.internal.ToeplitzBench::pass12",
            "io.tapsteer.bench.internal.ToeplitzBench::pass36");

    private BenchJvm() {
    }

    /** @return the options for the bench's JVM (heap and JIT), in command-line order */
    public static List<String> options() {
        List<String> o = new java.util.ArrayList<>(List.of("-Xmx512m", "-XX:CompileCommand=quiet"));
        ISOLATED.forEach(m -> o.add("-XX:CompileCommand=dontinline," + m));
        return List.copyOf(o);
    }
}
