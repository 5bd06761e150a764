package io.tapsteer.bench.internal;

import io.tapsteer.bench.PairResult;
import java.io.PrintStream;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * One pair and how to measure each side once. A side that is null has no figure here (its reason is
 * on the result); a side that fails keeps its reason and is not run again.
 */
public final class Pair {
    /** Measures one side once and returns its figure. */
    @FunctionalInterface
    public interface Side {
        /** @return the figure, in the pair's unit */
        double measure();
    }

    private final PairResult result;
    private final Side tapsteer;
    private final Side c;
    private Side gfni;
    private boolean gfniFailed;
    private DoubleConsumer afterTapsteer = v -> { };
    private DoubleConsumer afterC = v -> { };
    private boolean tapsteerFailed;
    private boolean cFailed;

    public Pair(PairResult result, Side tapsteer, Side c) {
        this.result = result;
        this.tapsteer = tapsteer;
        this.c = c;
    }

    /**
     * @param hook told each recorded tapsteer figure (not warm-ups): for pairs filled from this one
     * @return this
     */
    public Pair afterTapsteer(DoubleConsumer hook) {
        afterTapsteer = hook;
        return this;
    }

    /**
     * @param hook told each recorded baseline figure
     * @return this
     */
    public Pair afterC(DoubleConsumer hook) {
        afterC = hook;
        return this;
    }

    /**
     * @param side the GFNI context side, measured after both sides in every round
     * @return this
     */
    public Pair gfni(Side side) {
        gfni = side;
        return this;
    }

    /** @return the result the samples go to */
    public PairResult result() {
        return result;
    }

    /**
     * Runs every pair for {@code rounds} rounds; in each round both sides of a pair run back to back,
     * tapsteer first in even rounds and C first in odd ones, so slow drifts of the machine hit both.
     * First come {@code warmUps} rounds whose figures are dropped: the JIT compiles tapsteer's hot
     * paths there, so the figures are steady state, as the C side's are from the start.
     */
    public static void runAll(List<Pair> pairs, int warmUps, int rounds, PrintStream log) {
        for (int r = -warmUps; r < rounds; r++) {
            for (Pair p : pairs) {
                if (p.tapsteer == null && p.c == null) {
                    continue; // filled by another pair's measurement, or not measurable here
                }
                if (r < 0) {
                    log.printf("tapsteer bench: warm-up %s%n", p.result.name());
                    p.warmUp();
                    continue;
                }
                log.printf("tapsteer bench: round %d/%d %s%n", r + 1, rounds, p.result.name());
                if (r % 2 == 0) {
                    p.runTapsteer();
                    p.runC();
                } else {
                    p.runC();
                    p.runTapsteer();
                }
                p.runGfni();
            }
        }
    }

    private void warmUp() {
        try {
            if (tapsteer != null) {
                tapsteer.measure();
            }
        } catch (RuntimeException e) {
            // the measured rounds record the failure with its reason
        }
    }

    private void runTapsteer() {
        if (tapsteer == null || tapsteerFailed) {
            return;
        }
        try {
            double v = tapsteer.measure();
            result.addTapsteer(v);
            afterTapsteer.accept(v);
        } catch (RuntimeException e) {
            tapsteerFailed = true;
            result.reason("tapsteer side failed: " + e.getMessage());
        }
    }

    private void runGfni() {
        if (gfni == null || gfniFailed) {
            return;
        }
        try {
            result.addGfni(gfni.measure());
        } catch (RuntimeException e) {
            gfniFailed = true;
            result.gfniReason(e.getMessage());
        }
    }

    private void runC() {
        if (c == null || cFailed) {
            return;
        }
        try {
            double v = c.measure();
            result.addC(v);
            afterC.accept(v);
        } catch (RuntimeException e) {
            cFailed = true;
            result.reason("baseline side failed: " + e.getMessage());
        }
    }
}
