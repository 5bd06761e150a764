package io.tapsteer.bench.jmh;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.bench.measure.ToeplitzTuples;
import io.tapsteer.rss.Toeplitz;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per hash of the rss bundle's table-driven Toeplitz, per tuple size, over the harness's tuple
 * set (the same tuples the toeplitz-12/36 pairs hash in C). Compare with {@link BitwiseToeplitzBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ToeplitzBenchmark {
    /** Tuple bytes: 12 = IPv4 + ports, 36 = IPv6 + ports. */
    @Param({"12", "36"})
    public int tupleLength;

    private byte[] tuples;
    private Toeplitz toeplitz;
    private int next;

    /** Builds the tables and the tuple set. */
    @Setup
    public void setUp() {
        tuples = ToeplitzTuples.tuples(tupleLength);
        toeplitz = new Toeplitz(RssConfig.DEFAULT_KEY);
    }

    /** @return the hash of the next tuple */
    @Benchmark
    public int hash() {
        int i = next;
        next = (i + 1) & (ToeplitzTuples.TUPLES - 1);
        return toeplitz.hash(tuples, i * tupleLength, tupleLength);
    }
}
