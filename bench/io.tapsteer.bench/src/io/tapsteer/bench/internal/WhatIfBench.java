package io.tapsteer.bench.internal;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.capture.CaptureException;
import io.tapsteer.lab.capture.PcapngWriter;
import io.tapsteer.lab.capture.WhatIf;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.RssStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The what-if engine behind {@code steer:whatif} on a capture written once per run: the benchmark
 * frames of {@link #FLOWS} flows in turn, {@code frames} of them, through {@link #CANDIDATES}
 * candidates (the registered rss strategy, RSS on default settings, RSS on an equal table of 2
 * queues, round robin). The figure is the capture's frames per second of wall time, each of them
 * seen by every candidate (two passes over the file, as the command makes them).
 */
public final class WhatIfBench implements AutoCloseable {
    /** Candidates compared per run. */
    static final int CANDIDATES = 4;
    /** Queues the candidates choose among. */
    static final int QUEUES = 4;
    /** Distinct flows in the capture. */
    static final int FLOWS = 4096;
    private static final int PAYLOAD = 18;

    private final long frames;
    private Path capture;

    /** @param frames the capture's frame count */
    public WhatIfBench(long frames) {
        this.frames = frames;
    }

    /** @return millions of capture frames per second, each run through every candidate */
    double measure() {
        Path file = capture();
        List<WhatIf.Candidate> candidates = List.of(strategy("rss", RssStrategies.withDefaults()),
                rss("rss[defaults]", RssConfig.defaults(QUEUES)),
                rss("rss[equal 2]", new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL,
                        RssConfig.equalTable(128, 2), 0, true)),
                roundRobin());
        long t0 = System.nanoTime();
        WhatIf.Report r;
        try {
            r = WhatIf.run(file, QUEUES, candidates);
        } catch (CaptureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        long ns = System.nanoTime() - t0;
        if (r.frames() != frames || !r.damage().isEmpty()) {
            throw new IllegalStateException("what-if read " + r.frames() + " of the capture's " + frames + " frames"
                    + (r.damage().isEmpty() ? "" : ": " + r.damage()));
        }
        return r.frames() * 1e3 / ns;
    }

    private Path capture() {
        if (capture != null) {
            return capture;
        }
        try {
            capture = Files.createTempFile("tapsteer-bench-whatif", ".pcapng");
            int len = BenchFrames.HEADERS + PAYLOAD;
            ByteBuffer b = BenchFrames.build(FLOWS, PAYLOAD);
            try (PcapngWriter w = PcapngWriter.create(capture, List.of("bench:q0"), 256)) {
                for (long i = 0; i < frames; i++) {
                    w.frame(0, i * 1000, b, (int) (i % FLOWS) * len, len, len, 0, false, 0, null, 0);
                }
            }
            return capture;
        } catch (CaptureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for the what-if capture: " + e.getMessage(), e);
        }
    }

    private static WhatIf.Candidate strategy(String name, SteeringStrategy s) {
        return new WhatIf.Candidate() {
            public String label() {
                return name;
            }

            public int select(Frame frame, int queues) {
                return s.select(frame, queues);
            }

            public boolean classified(FlowKey key) {
                return key.classified();
            }
        };
    }

    private static WhatIf.Candidate rss(String label, RssConfig config) {
        RssEngine engine = new RssEngine(config);
        return new WhatIf.Candidate() {
            private long decision;

            public String label() {
                return label;
            }

            public int select(Frame frame, int queues) {
                decision = engine.decide(frame.buffer(), frame.offset(), frame.length());
                return engine.queueOf(decision);
            }

            public boolean classified(FlowKey key) {
                return RssEngine.reportOf(decision) != 0;
            }
        };
    }

    private static WhatIf.Candidate roundRobin() {
        return new WhatIf.Candidate() {
            private int next;

            public String label() {
                return "round-robin";
            }

            public int select(Frame frame, int queues) {
                int q = next;
                next = next + 1 == queues ? 0 : next + 1;
                return q;
            }

            public boolean classified(FlowKey key) {
                return true;
            }
        };
    }

    /** Deletes the capture. */
    @Override
    public void close() {
        if (capture != null) {
            try {
                Files.deleteIfExists(capture);
            } catch (IOException e) {
                // a temporary file left behind is not worth failing the run for
            }
            capture = null;
        }
    }
}
