package io.tapsteer.bench.internal;

import io.tapsteer.bench.BenchOptions;
import io.tapsteer.bench.PairResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The pairs of a run, in the order they are reported, wired to the tap, the C baselines and the
 * tapsteer parts they measure.
 */
public final class Pairs {
    private Pairs() {
    }

    /** @return every pair, ready to run */
    public static List<Pair> all(BenchTap tap, CBaselines c, BenchOptions o) {
        RxBench rx = new RxBench(tap, c, o);
        TxBench tx = new TxBench(tap, c, o);
        ToeplitzBench toeplitz = new ToeplitzBench(c, o.hashPasses());
        List<Pair> pairs = new ArrayList<>();

        PairResult allocRx = new PairResult("alloc-rx", "B/frame", false);
        PairResult allocTx = new PairResult("alloc-tx", "B/frame", false);
        PairResult queues1 = new PairResult("rx-queues-1", "Mpps", true);
        pairs.add(new Pair(new PairResult("rx-read", "Mpps", true), () -> {
            RxResult r = rx.tapsteer(1);
            if (r.allocatedBytes() >= 0 && r.frames() > 0) {
                allocRx.addTapsteer((double) r.allocatedBytes() / r.frames());
            }
            double mpps = r.mpps();
            queues1.addTapsteer(mpps); // rx-read is the 1-queue point of the scaling series
            return mpps;
        }, () -> {
            double mpps = rx.c(1).mpps();
            queues1.addC(mpps);
            return mpps;
        }));
        pairs.add(new Pair(new PairResult("tx-write", "Mpps", true), () -> {
            double mpps = tx.tapsteer();
            if (tx.lastBytesPerFrame() >= 0) {
                allocTx.addTapsteer(tx.lastBytesPerFrame());
            }
            return mpps;
        }, tx::c));

        PairResult ebpf = new PairResult("rx-ebpf-rss-vs-automq", "Mpps", true);
        ebpf.reason("needs the kernel steering bundle (io.tapsteer.ebpf), not on main yet");
        pairs.add(new Pair(ebpf, null, () -> rx.c(4).mpps()));

        PairResult t12 = new PairResult("toeplitz-12", "Mhash/s", true);
        t12.reason("needs the rss bundle (io.tapsteer.rss), not on main yet");
        pairs.add(new Pair(t12, null, () -> toeplitz.c(12)));
        PairResult t36 = new PairResult("toeplitz-36", "Mhash/s", true);
        t36.reason("needs the rss bundle (io.tapsteer.rss), not on main yet");
        pairs.add(new Pair(t36, null, () -> toeplitz.c(36)));

        pairs.add(new Pair(queues1, null, null));
        for (int q : new int[] {2, 4}) {
            pairs.add(new Pair(new PairResult("rx-queues-" + q, "Mpps", true), () -> rx.tapsteer(q).mpps(),
                    () -> rx.c(q).mpps()));
        }

        PairResult swap = new PairResult("swap-latency", "us", false);
        swap.reason("needs the queue manager (io.tapsteer.queue), not on main yet");
        pairs.add(new Pair(swap, null, null));

        allocRx.reason("no C counterpart: bytes the reader threads allocated per frame (goal 0)");
        allocTx.reason("no C counterpart: bytes the writer thread allocated per frame (goal 0)");
        pairs.add(new Pair(allocRx, null, null));
        pairs.add(new Pair(allocTx, null, null));
        return pairs;
    }
}
