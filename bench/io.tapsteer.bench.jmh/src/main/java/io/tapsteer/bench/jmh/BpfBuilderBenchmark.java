package io.tapsteer.bench.jmh;

import io.tapsteer.ebpf.EbpfKernelSteering;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * µs to generate and assemble the RSS steering program (the builder resolves its labels to jump
 * offsets): what an attach or a program swap costs before bpf(2). Map fds are placeholders; nothing
 * is loaded into the kernel.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BpfBuilderBenchmark {
    /** @return the assembled RSS program's bytes */
    @Benchmark
    public byte[] rssProgram() {
        return EbpfKernelSteering.rssProgramBytecode();
    }
}
