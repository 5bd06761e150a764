package io.tapsteer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The samples of one pair: tapsteer's figure and the C baseline's (or, for the eBPF pair, automq's),
 * one sample per round. A pair whose tapsteer side cannot run here carries the reason instead.
 */
public final class PairResult {
    private final String name;
    private final String unit;
    private final boolean higherIsBetter;
    private final List<Double> tapsteer = new ArrayList<>();
    private final List<Double> c = new ArrayList<>();
    private final List<Double> gfni = new ArrayList<>();
    private String reason;
    private String gfniReason;

    /**
     * @param name the pair's name, as in the JSON ({@code rx-read}, ...)
     * @param unit the unit of both figures
     * @param higherIsBetter true for rates, false for latencies and bytes
     */
    public PairResult(String name, String unit, boolean higherIsBetter) {
        this.name = name;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** @return the pair's name */
    public String name() { return name; }
    /** @return the unit */
    public String unit() { return unit; }
    /** @return whether a higher figure is better */
    public boolean higherIsBetter() { return higherIsBetter; }
    /** @return tapsteer's samples, one per round */
    public List<Double> tapsteerSamples() { return Collections.unmodifiableList(tapsteer); }
    /** @return the baseline's samples, one per round */
    public List<Double> cSamples() { return Collections.unmodifiableList(c); }
    /** @return the GFNI context side's samples (DPDK's rte_thash_gfni in the C decision), one per round */
    public List<Double> gfniSamples() { return Collections.unmodifiableList(gfni); }
    /** @param value one round's GFNI context figure */
    public void addGfni(double value) { gfni.add(value); }
    /** @return why the GFNI context side has no figure, or null */
    public String gfniReason() { return gfniReason; }
    /** @param why why the GFNI context side has no figure; the first reason is kept */
    public void gfniReason(String why) {
        if (gfniReason == null) {
            gfniReason = why;
        }
    }
    /** @return the median of the GFNI context samples, or null without samples */
    public Double gfni() { return median(gfni); }
    /** @return the median over the rounds of tapsteer / GFNI in the same round, or null */
    public Double ratioGfni() { return pairedRatio(tapsteer, gfni); }

    /** @return why a figure is missing, or null */
    public String reason() { return reason; }

    /** @param value one round's tapsteer figure */
    public void addTapsteer(double value) { tapsteer.add(value); }
    /** @param value one round's baseline figure */
    public void addC(double value) { c.add(value); }

    /** @param why why the pair (or one side of it) has no figure; the first reason is kept */
    public void reason(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** @return the median of tapsteer's samples, or null without samples */
    public Double tapsteer() { return median(tapsteer); }
    /** @return the median of the baseline's samples, or null without samples */
    public Double c() { return median(c); }

    /**
     * The ratio of the two sides as a paired comparison: both sides of a round run back to back, so
     * each round gives one ratio of two figures taken under the same conditions, and the pair's ratio
     * is the median of those. On a machine whose speed changes for seconds at a time (a busy
     * hyperthread sibling) the medians of the two sides may come from different phases; the ratio
     * within a round does not.
     *
     * @return the median over the rounds of tapsteer / baseline in the same round, or null when a side
     *         has no samples or the baseline's figures are 0
     */
    public Double ratio() {
        return pairedRatio(tapsteer, c);
    }

    private static Double pairedRatio(List<Double> tapsteer, List<Double> c) {
        int rounds = Math.min(tapsteer.size(), c.size()); // a side that failed stops adding samples
        List<Double> ratios = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            if (c.get(i) != 0) {
                ratios.add(tapsteer.get(i) / c.get(i));
            }
        }
        return median(ratios);
    }

    static Double median(List<Double> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static Double min(List<Double> samples) {
        return samples.isEmpty() ? null : Collections.min(samples);
    }

    static Double max(List<Double> samples) {
        return samples.isEmpty() ? null : Collections.max(samples);
    }
}
