package io.tapsteer.shell;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.stats.Balances;
import io.tapsteer.stats.StatsFormat;
import java.util.Locale;

/**
 * {@code steer:whatif} output: a table with one column per candidate, or one JSON object with the
 * keys {@code capture, frames, truncated, damage, queues, candidates[{name, note, queues[{queue,
 * frames, bytes, share}], balance, balance_text, jain, flows, flows_split, flow_order, unclassified,
 * errors, hottest_queue, top_flows[{flow, frames}]}]}.
 */
final class WhatIfReport {
    private WhatIfReport() {
    }

    static String text(WhatIf.Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "whatif %s: %d frames on %d queues", r.capture(), r.frames(), r.queues()));
        if (r.truncated() > 0) {
            b.append(", ").append(r.truncated()).append(" cut short by the capture (skipped)");
        }
        b.append('\n');
        if (!r.damage().isEmpty()) {
            b.append("warning: ").append(r.damage()).append('\n');
        }
        int w = 10;
        for (WhatIf.Outcome o : r.outcomes()) {
            w = Math.max(w, o.candidate().label().length() + 2);
        }
        String cell = "%-" + w + "s";
        b.append(String.format(Locale.ROOT, "%-14s", ""));
        r.outcomes().forEach(o -> b.append(String.format(Locale.ROOT, cell, o.candidate().label())));
        b.append('\n');
        for (int q = 0; q < r.queues(); q++) {
            b.append(String.format(Locale.ROOT, "%-14s", "queue " + q));
            for (WhatIf.Outcome o : r.outcomes()) {
                b.append(String.format(Locale.ROOT, cell, o.frames()[q] + " " + StatsFormat.percent(share(o, q))));
            }
            b.append('\n');
        }
        row(b, "balance", cell, r, o -> balance(o).verdict().label());
        row(b, "jain", cell, r, o -> String.format(Locale.ROOT, "%.3f", balance(o).jainIndex()));
        row(b, "flows split", cell, r, o -> o.flowsSplit() + " of " + o.flows());
        row(b, "flow order", cell, r, o -> o.flowsSplit() == 0 ? "kept" : "broken");
        row(b, "unclassified", cell, r, o -> Long.toString(o.unclassified()));
        row(b, "errors", cell, r, o -> Long.toString(o.errors()));
        for (WhatIf.Outcome o : r.outcomes()) {
            b.append(o.candidate().label()).append(": ").append(balance(o).text()).append('\n');
            if (!o.candidate().note().isEmpty()) {
                b.append("  note: ").append(o.candidate().note()).append('\n');
            }
            if (o.errors() > 0) {
                b.append("  ").append(o.errors()).append(" frame(s) fell back to queue 0: ").append(o.firstError()).append('\n');
            }
            if (!o.topFlows().isEmpty()) {
                b.append("  top flows on queue ").append(o.hottest()).append(":\n");
                o.topFlows().forEach(f -> b.append("    ").append(f.frames()).append("  ").append(f.flow()).append('\n'));
            }
        }
        return b.toString().stripTrailing();
    }

    static String json(WhatIf.Report r) {
        StringBuilder b = new StringBuilder("{");
        str(b, "capture", r.capture().toString()).append(",\"frames\":").append(r.frames()).append(",\"truncated\":")
                .append(r.truncated()).append(',');
        str(b, "damage", r.damage()).append(",\"queues\":").append(r.queues()).append(",\"candidates\":[");
        for (int i = 0; i < r.outcomes().size(); i++) {
            WhatIf.Outcome o = r.outcomes().get(i);
            Balance bal = balance(o);
            b.append(i == 0 ? "{" : ",{");
            str(b, "name", o.candidate().label()).append(',');
            str(b, "note", o.candidate().note()).append(",\"queues\":[");
            for (int q = 0; q < r.queues(); q++) {
                b.append(q == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"queue\":%d,\"frames\":%d,\"bytes\":%d,\"share\":%.6f}", q,
                        o.frames()[q], o.bytes()[q], share(o, q)));
            }
            b.append("],");
            str(b, "balance", bal.verdict().label()).append(',');
            str(b, "balance_text", bal.text()).append(String.format(Locale.ROOT, ",\"jain\":%.6f", bal.jainIndex()));
            b.append(",\"flows\":").append(o.flows()).append(",\"flows_split\":").append(o.flowsSplit()).append(',');
            str(b, "flow_order", o.flowsSplit() == 0 ? "kept" : "broken").append(",\"unclassified\":").append(o.unclassified())
                    .append(",\"errors\":").append(o.errors()).append(",\"hottest_queue\":").append(o.hottest()).append(",\"top_flows\":[");
            for (int f = 0; f < o.topFlows().size(); f++) {
                b.append(f == 0 ? "{" : ",{");
                str(b, "flow", o.topFlows().get(f).flow()).append(",\"frames\":").append(o.topFlows().get(f).frames()).append('}');
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    private static double share(WhatIf.Outcome o, int q) {
        long total = 0;
        for (long f : o.frames()) {
            total += f;
        }
        return total == 0 ? 0 : (double) o.frames()[q] / total;
    }

    private static Balance balance(WhatIf.Outcome o) {
        int[] ids = new int[o.frames().length];
        for (int q = 0; q < ids.length; q++) {
            ids[q] = q;
        }
        return Balances.of(ids, o.frames());
    }

    private static void row(StringBuilder b, String name, String cell, WhatIf.Report r,
            java.util.function.Function<WhatIf.Outcome, String> value) {
        b.append(String.format(Locale.ROOT, "%-14s", name));
        r.outcomes().forEach(o -> b.append(String.format(Locale.ROOT, cell, value.apply(o))));
        b.append('\n');
    }

    private static StringBuilder str(StringBuilder b, String key, String value) {
        b.append('"').append(key).append("\":\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"');
    }
}
