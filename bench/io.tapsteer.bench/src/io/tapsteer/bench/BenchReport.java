package io.tapsteer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The results of one run, formatted in one place: a table of medians, min-max and ratios for people,
 * and one JSON object for machines ({@code {"pairs": [{"name", "unit", "tapsteer", "c", "ratio", ...}]}}).
 */
public final class BenchReport {
    private final List<PairResult> pairs = new ArrayList<>();
    private final String header;

    /** @param header one line saying what was run (mode, rounds, machine) */
    public BenchReport(String header) {
        this.header = header;
    }

    /** @param pair a pair, in the order it should be printed */
    public void add(PairResult pair) {
        pairs.add(pair);
    }

    /** @return the pairs in print order */
    public List<PairResult> pairs() {
        return Collections.unmodifiableList(pairs);
    }

    /** @return the pair of that name, or null */
    public PairResult pair(String name) {
        for (PairResult p : pairs) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** @return the table for people: one row per pair */
    public String table() {
        StringBuilder b = new StringBuilder(header).append('\n');
        String fmt = "%-24s %-9s %26s %26s %7s%n";
        b.append(String.format(Locale.ROOT, fmt, "pair", "unit", "tapsteer median (min-max)", "C median (min-max)", "ratio"));
        for (PairResult p : pairs) {
            b.append(String.format(Locale.ROOT, fmt, p.name(), p.unit(), cell(p.tapsteerSamples()), cell(p.cSamples()),
                    p.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", p.ratio())));
            if (p.reason() != null) {
                b.append("    note: ").append(p.reason()).append('\n');
            }
            if (!p.gfniSamples().isEmpty()) {
                b.append(String.format(Locale.ROOT, "    gfni (context, DPDK rte_thash_gfni in C): %s, ratio tapsteer/gfni %.3f%n",
                        cell(p.gfniSamples()), p.ratioGfni()));
            } else if (p.gfniReason() != null) {
                b.append("    gfni (context): none: ").append(p.gfniReason()).append('\n');
            }
        }
        b.append("ratio = median over the rounds of tapsteer / C, both sides measured back to back in a round"
                + " (higher is better for rates, lower for latency and bytes);"
                + " for rx-ebpf-rss-vs-automq the C column is automq\n");
        return b.toString();
    }

    private static String cell(List<Double> s) {
        Double m = PairResult.median(s);
        if (m == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s (%s-%s)", num(m), num(PairResult.min(s)), num(PairResult.max(s)));
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** @return the JSON object, on one line */
    public String json() {
        StringBuilder b = new StringBuilder("{\"pairs\": [");
        for (int i = 0; i < pairs.size(); i++) {
            PairResult p = pairs.get(i);
            b.append(i == 0 ? "" : ", ").append('{');
            b.append("\"name\": ").append(str(p.name()));
            b.append(", \"unit\": ").append(str(p.unit()));
            b.append(", \"tapsteer\": ").append(jnum(p.tapsteer()));
            b.append(", \"c\": ").append(jnum(p.c()));
            b.append(", \"ratio\": ").append(jnum(p.ratio()));
            b.append(", \"higher_is_better\": ").append(p.higherIsBetter());
            b.append(", \"tapsteer_min\": ").append(jnum(PairResult.min(p.tapsteerSamples())));
            b.append(", \"tapsteer_max\": ").append(jnum(PairResult.max(p.tapsteerSamples())));
            b.append(", \"c_min\": ").append(jnum(PairResult.min(p.cSamples())));
            b.append(", \"c_max\": ").append(jnum(PairResult.max(p.cSamples())));
            b.append(", \"rounds\": ").append(p.tapsteerSamples().size());
            b.append(", \"reason\": ").append(p.reason() == null ? "null" : str(p.reason()));
            b.append(", \"jdk\": ").append(str(System.getProperty("java.version")));
            b.append(", \"gfni\": ").append(jnum(p.gfni()));
            b.append(", \"gfni_min\": ").append(jnum(PairResult.min(p.gfniSamples())));
            b.append(", \"gfni_max\": ").append(jnum(PairResult.max(p.gfniSamples())));
            b.append(", \"ratio_gfni\": ").append(jnum(p.ratioGfni()));
            b.append(", \"gfni_reason\": ").append(p.gfniReason() == null ? "null" : str(p.gfniReason()));
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static String jnum(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
