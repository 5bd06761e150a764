package io.tapsteer.bench.jmh;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per full software RSS steering decision (parse the frame to a flow key, hash-type cascade,
 * Toeplitz, indirection table) per frame type, over 256 flows of frames in direct memory, with the
 * default configuration (every hash type, 128 slots over 4 queues).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SteeringDecisionBenchmark {
    private static final int FLOWS = 256;
    private static final int SLOT = 128;

    /**
     * The frame type. Untagged IPv4/TCP and IPv6/UDP take the engine's shortcut for common frames;
     * 802.1Q-tagged IPv4/TCP shows the general walk (the price of anything less common).
     */
    @Param({"ipv4-tcp", "ipv6-udp", "ipv4-tcp-vlan"})
    public String frameType;

    private ByteBuffer frames;
    private final int[] lengths = new int[FLOWS];
    private RssEngine engine;
    private int next;

    /** Builds the frames and the engine. */
    @Setup
    public void setUp() {
        frames = ByteBuffer.allocateDirect(FLOWS * SLOT);
        FrameBuilder b = new FrameBuilder();
        for (int i = 0; i < FLOWS; i++) {
            b.reset();
            if (frameType.equals("ipv4-tcp-vlan")) {
                b.vlan(FrameBuilder.TPID_8021Q, 100);
            }
            if (frameType.startsWith("ipv4-tcp")) {
                b.ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i)).tcp(Flows.sourcePort(i), Flows.destinationPort(i));
            } else {
                b.ipv6(Flows.ipv6Source(i), Flows.ipv6Destination(i)).udp(Flows.sourcePort(i), Flows.destinationPort(i));
            }
            lengths[i] = b.stamp(i, 0).writeTo(frames, i * SLOT);
        }
        engine = new RssEngine(RssConfig.defaults(4));
    }

    /** @return the queue of the next frame: one decision per call, JMH's per-call cost included */
    @Benchmark
    public int queueOf() {
        int i = next;
        next = (i + 1) & (FLOWS - 1);
        return engine.queueOf(frames, i * SLOT, lengths[i]);
    }

    /**
     * The harness alone: {@link #queueOf} without the decision (the same state reads and the same
     * return through JMH), so that its figure can be read net of the per-call cost.
     *
     * @return the next frame's length
     */
    @Benchmark
    public int harnessOnly() {
        int i = next;
        next = (i + 1) & (FLOWS - 1);
        return lengths[i] + frames.get(i * SLOT + 12);
    }

    /**
     * The decisions of all 256 frames in one call, as a poller decides a batch: the figure is ns per
     * decision without JMH's per-call cost.
     *
     * @return the sum of the queues
     */
    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public int queueOfBatch() {
        int sum = 0;
        for (int i = 0; i < FLOWS; i++) {
            sum += engine.queueOf(frames, i * SLOT, lengths[i]);
        }
        return sum;
    }
}
