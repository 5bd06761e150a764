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
    private String reason;

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

    /** @return tapsteer / baseline of the medians, or null when either is missing or the baseline is 0 */
    public Double ratio() {
        Double t = tapsteer();
        Double b = c();
        return t == null || b == null || b == 0 ? null : t / b;
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
