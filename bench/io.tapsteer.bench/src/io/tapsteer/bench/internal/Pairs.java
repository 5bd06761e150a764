package io.tapsteer.bench.internal;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.bench.BenchOptions;
import io.tapsteer.bench.PairResult;
import io.tapsteer.bench.measure.AllocationMeter;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.rss.RssStrategies;
import io.tapsteer.rss.Toeplitz;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pairs of a run, in the order they are reported, wired to the tap, the C baselines and the
 * tapsteer parts they measure.
 */
public final class Pairs {
    /** Queues of the eBPF pair: one reader thread per vCPU. */
    public static final int EBPF_QUEUES = 2;
    private static final String OWNER = "bench";

    private Pairs() {
    }

    /** @return every pair, ready to run */
    public static List<Pair> all(BenchTap tap, CBaselines c, WhatIfBench whatIf, BenchOptions o) {
        RxBench rx = new RxBench(tap, c, o);
        TxBench tx = new TxBench(tap, c, o);
        ToeplitzBench toeplitz = new ToeplitzBench(c, o.hashPasses());
        SwapBench swap = new SwapBench(tap, rx, o);
        List<Pair> pairs = new ArrayList<>();

        PairResult queues1 = new PairResult("rx-queues-1", "Mpps", true);
        PairResult generator = new PairResult("rx-read-generator", "Mpps", true);
        generator.reason("context, not a goal: the generator's send rate while each side of rx-read read");
        // rx-read is the 1-queue point of the scaling series; the generator's rate is context for it
        pairs.add(new Pair(new PairResult("rx-read", "Mpps", true), () -> rx.tapsteer(1).mpps(), () -> rx.c(1).mpps())
                .afterTapsteer(v -> {
                    queues1.addTapsteer(v);
                    generator.addTapsteer(rx.lastGeneratorMpps());
                }).afterC(v -> {
                    queues1.addC(v);
                    generator.addC(rx.lastGeneratorMpps());
                }));
        pairs.add(new Pair(generator, null, null));
        // the same reader in C with io_uring, one submission per wake-up, as the pollers read
        pairs.add(new Pair(new PairResult("rx-read-uring", "Mpps", true), () -> rx.tapsteer(1).mpps(), () -> rx.cUring(1).mpps()));
        // TX figures are frames per second of the writer's CPU time (see TxBench); the same runs' wall
        // time rates are context
        PairResult txWall = new PairResult("tx-write-wall", "Mpps", true);
        txWall.reason("context, not a goal: tx-write's runs in wall time, which on a shared machine also counts time the writer waited");
        pairs.add(new Pair(new PairResult("tx-write", "Mpps", true), tx::tapsteer, tx::c)
                .afterTapsteer(v -> txWall.addTapsteer(tx.lastWallMpps()))
                .afterC(v -> txWall.addC(tx.lastWallMpps())));
        pairs.add(new Pair(txWall, null, null));
        // context: the same frames one transmit() call each (one write(2) per frame, like the C side)
        pairs.add(new Pair(new PairResult("tx-write-single", "Mpps", true), tx::tapsteerSingle, tx::c));

        // kernel-to-user with tapsteer's generated RSS program against the kernel's automq, read by the
        // same C reader on both sides, so the figures differ only in the steering
        EbpfKernelSteering steering = new EbpfKernelSteering(false);
        int eq = EBPF_QUEUES;
        pairs.add(new Pair(new PairResult("rx-ebpf-rss-vs-automq", "Mpps", true), () -> {
            if (!steering.isAvailable()) {
                throw new IllegalStateException("kernel steering is not available: " + steering.unavailabilityCause());
            }
            return rx.cWithProgram(eq, d -> steering.attach(d, KernelProgram.rss(RssConfig.defaults(eq)), OWNER),
                    d -> steering.detach(d, OWNER)).mpps();
        }, () -> rx.c(eq).mpps()));

        Toeplitz java = new Toeplitz(RssConfig.DEFAULT_KEY);
        ToeplitzBench.Hasher hasher = java::hash;
        for (int len : new int[] {12, 36}) {
            pairs.add(new Pair(new PairResult("toeplitz-" + len, "Mhash/s", true), () -> toeplitz.java(hasher, len), () -> toeplitz.c(len))
                    .gfni(() -> toeplitz.gfni(len)));
        }

        // the decision the pollers run, per frame of a batch, against the same decision in C
        DecisionBench decision = new DecisionBench(c, o.decisionPasses());
        for (DecisionFrames.Kind k : DecisionFrames.Kind.values()) {
            String name = "decision-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
            pairs.add(new Pair(new PairResult(name, "Mdec/s", true), () -> decision.tapsteer(k), () -> decision.c(k))
                    .gfni(() -> decision.gfni(k)));
        }

        pairs.add(new Pair(queues1, null, null));
        for (int q : new int[] {2, 4}) {
            pairs.add(new Pair(new PairResult("rx-queues-" + q, "Mpps", true), () -> rx.tapsteer(q).mpps(),
                    () -> rx.c(q).mpps()));
        }

        pairs.add(new Pair(new PairResult("swap-latency", "us", false), swap::measure, null));

        Duration limit = Duration.ofSeconds(o.seconds() * 3L);
        long frames = o.quick() ? 20_000 : 1_000_000;
        PairResult allocRx = new PairResult("alloc-rx", "B/frame", false);
        allocRx.reason("no C counterpart: bytes the pollers and lanes allocated per frame in steady state (goal 0)");
        pairs.add(new Pair(allocRx, () -> AllocationMeter.rx(tap.service(), 1, frames, false, limit).bytesPerFrame(), null));
        PairResult allocRss = new PairResult("alloc-rx-rss", "B/frame", false);
        allocRss.reason("no C counterpart: alloc-rx steered in user space by the rss strategy's batch decision (goal 0)");
        pairs.add(new Pair(allocRss, () -> AllocationMeter.rx(tap.service(), 1, frames, RssStrategies.withDefaults(), limit).bytesPerFrame(), null));
        PairResult allocTx = new PairResult("alloc-tx", "B/frame", false);
        allocTx.reason("no C counterpart: bytes the transmitting thread allocated per frame in steady state (goal 0)");
        PairResult whatIfRow = new PairResult("whatif-1m-4", "Mframes/s", true);
        whatIfRow.reason("no C counterpart: steer:whatif's engine on a capture of " + (o.quick() ? "20,000" : "1,000,000")
                + " frames against " + WhatIfBench.CANDIDATES + " candidates (rss strategy, rss defaults, rss equal 2, round robin) on "
                + WhatIfBench.QUEUES + " queues; the capture's frames per second, each seen by every candidate (goal: 1M x 4 well under 10 s, above 0.1)");
        pairs.add(new Pair(whatIfRow, whatIf::measure, null));
        pairs.add(new Pair(allocTx, () -> AllocationMeter.tx(tap.service(), 1, frames, limit).bytesPerFrame(), null));

        // what a per-queue pcapng capture of every frame costs the pollers' path, against rx-read's
        PairResult capture = new PairResult("rx-read-capture", "Mpps", true);
        capture.reason("the c column is tapsteer's rx-read without the capture, measured back to back (ratio: the share of rx-read kept while capturing)");
        pairs.add(new Pair(capture, () -> rx.tapsteerCapture(1).mpps(), () -> rx.tapsteer(1).mpps()));

        // the layers below the queue manager, for locating a gap: the binding alone against the same C
        pairs.add(new Pair(new PairResult("rx-read-binding", "Mpps", true), () -> rx.binding(1).mpps(), () -> rx.c(1).mpps()));
        pairs.add(new Pair(new PairResult("tx-write-binding", "Mpps", true), tx::binding, tx::c));
        return pairs;
    }
}
