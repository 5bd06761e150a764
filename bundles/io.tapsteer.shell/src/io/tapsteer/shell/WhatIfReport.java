package io.tapsteer.shell;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.lab.capture.WhatIf;
import io.tapsteer.stats.Balances;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.stats.json.JsonDocument;
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
        return JsonDocument.of(w -> {
            w.beginObject();
            w.name("capture").value(r.capture().toString());
            w.name("frames").value(r.frames());
            w.name("truncated").value(r.truncated());
            w.name("damage").value(r.damage());
            w.name("queues").value(r.queues());
            w.name("candidates").beginArray();
            for (WhatIf.Outcome o : r.outcomes()) {
                Balance bal = balance(o);
                w.beginObject();
                w.name("name").value(o.candidate().label());
                w.name("note").value(o.candidate().note());
                w.name("queues").beginArray();
                for (int q = 0; q < r.queues(); q++) {
                    w.beginObject();
                    w.name("queue").value(q);
                    w.name("frames").value(o.frames()[q]);
                    w.name("bytes").value(o.bytes()[q]);
                    JsonDocument.rounded(w.name("share"), share(o, q), 6);
                    w.endObject();
                }
                w.endArray();
                w.name("balance").value(bal.verdict().label());
                w.name("balance_text").value(bal.text());
                JsonDocument.rounded(w.name("jain"), bal.jainIndex(), 6);
                w.name("flows").value(o.flows());
                w.name("flows_split").value(o.flowsSplit());
                w.name("flow_order").value(o.flowsSplit() == 0 ? "kept" : "broken");
                w.name("unclassified").value(o.unclassified());
                w.name("errors").value(o.errors());
                w.name("hottest_queue").value(o.hottest());
                w.name("top_flows").beginArray();
                for (WhatIf.TopFlow f : o.topFlows()) {
                    w.beginObject();
                    w.name("flow").value(f.flow());
                    w.name("frames").value(f.frames());
                    w.endObject();
                }
                w.endArray();
                w.endObject();
            }
            w.endArray();
            w.endObject();
        });
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
}
