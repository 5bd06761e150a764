package io.tapsteer.bench.jmh;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Counters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stats hot path: the once-per-batch counter update a poller does, and the consistent snapshot
 * a reader (stats view, GUI) takes without stopping the writer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CountersBenchmark {
    private final Counters counters = new Counters("queue", 0);

    /** @return the updated counters (one batch of 64 frames) */
    @Benchmark
    public Counters addRxBatch() {
        counters.addRxBatch(64, 64 * 106);
        return counters;
    }

    /** @return a consistent snapshot, uncontended */
    @Benchmark
    public CounterSnapshot snapshot() {
        return counters.snapshot();
    }
}
