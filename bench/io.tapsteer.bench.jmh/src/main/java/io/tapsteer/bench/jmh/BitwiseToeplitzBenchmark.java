package io.tapsteer.bench.jmh;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.bench.measure.ToeplitzTuples;
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
 * The plain bit-by-bit Toeplitz loop (the specification's definition), per tuple size: the floor
 * the table-driven hash is compared with in the same run. Tuples are the harness's tuple set.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BitwiseToeplitzBenchmark {
    /** Tuple bytes: 12 = IPv4 + ports, 36 = IPv6 + ports. */
    @Param({"12", "36"})
    public int tupleLength;

    private byte[] tuples;
    private byte[] key;
    private int next;

    /** Builds the tuple set. */
    @Setup
    public void setUp() {
        tuples = ToeplitzTuples.tuples(tupleLength);
        key = RssConfig.DEFAULT_KEY;
    }

    /** @return the hash of the next tuple */
    @Benchmark
    public int hash() {
        int i = next;
        next = (i + 1) & (ToeplitzTuples.TUPLES - 1);
        return ToeplitzTuples.reference(key, tuples, i * tupleLength, tupleLength);
    }
}
