package io.tapsteer.bench;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
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

    /** @return the JSON object, on one line (written with Gson) */
    public String json() {
        StringWriter out = new StringWriter(256 + pairs.size() * 256);
        try (JsonWriter w = new JsonWriter(out)) {
            w.setSerializeNulls(true);
            w.beginObject();
            w.name("pairs").beginArray();
            for (PairResult p : pairs) {
                w.beginObject();
                w.name("name").value(p.name());
                w.name("unit").value(p.unit());
                figure(w.name("tapsteer"), p.tapsteer());
                figure(w.name("c"), p.c());
                figure(w.name("ratio"), p.ratio());
                w.name("higher_is_better").value(p.higherIsBetter());
                figure(w.name("tapsteer_min"), PairResult.min(p.tapsteerSamples()));
                figure(w.name("tapsteer_max"), PairResult.max(p.tapsteerSamples()));
                figure(w.name("c_min"), PairResult.min(p.cSamples()));
                figure(w.name("c_max"), PairResult.max(p.cSamples()));
                w.name("rounds").value(p.tapsteerSamples().size());
                w.name("reason").value(p.reason());
                w.name("jdk").value(System.getProperty("java.version"));
                figure(w.name("gfni"), p.gfni());
                figure(w.name("gfni_min"), PairResult.min(p.gfniSamples()));
                figure(w.name("gfni_max"), PairResult.max(p.gfniSamples()));
                figure(w.name("ratio_gfni"), p.ratioGfni());
                w.name("gfni_reason").value(p.gfniReason());
                w.endObject();
            }
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A measured figure to 6 significant digits; a missing one (or NaN, not JSON) is null. */
    private static void figure(JsonWriter w, Double v) throws IOException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            w.nullValue();
        } else {
            w.value(new BigDecimal(v).round(new MathContext(6)).doubleValue());
        }
    }
}
