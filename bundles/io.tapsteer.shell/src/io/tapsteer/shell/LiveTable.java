package io.tapsteer.shell;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.stats.Balances;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The demo's live per-queue table: rates over the last interval, shares, a balance verdict and the
 * top flows. Redraws in place on a terminal (ANSI), prints blocks otherwise.
 */
final class LiveTable {
    private final boolean redraw;
    private long[] lastRx = new long[0];
    private long lastNanos;
    private int lastLines;

    LiveTable(boolean redraw) {
        this.redraw = redraw;
    }

    /** @return the table for now */
    String render(LabRun run) {
        long now = System.nanoTime();
        List<CounterSnapshot> queues = run.manager.queueCounters();
        double dt = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        if (lastRx.length != queues.size()) {
            lastRx = new long[queues.size()];
        }
        long total = 0;
        for (CounterSnapshot q : queues) {
            total += q.rxPackets();
        }
        StringBuilder b = new StringBuilder();
        LabDrops drops = run.drops();
        b.append(String.format(Locale.ROOT, "tapsteer demo  %s  strategy %s  %.0f/%d s  sent %d  received %d  dropped %d%s  misrouted %s%n",
                run.device, run.manager.activeStrategy(), run.elapsedSeconds(), run.options.seconds(), run.sent(), run.received(),
                drops.total(), drops.where(), run.observer.predicts() ? Long.toString(run.observer.misrouted()) : "n/a"));
        b.append(String.format("%-6s %12s %12s %8s %7s%n", "QUEUE", "RX_PPS", "RX_PACKETS", "DROPS", "SHARE"));
        int[] ids = new int[queues.size()];
        long[] rx = new long[queues.size()];
        for (int i = 0; i < queues.size(); i++) {
            CounterSnapshot q = queues.get(i);
            double pps = dt == 0 ? 0 : (q.rxPackets() - lastRx[i]) / dt;
            lastRx[i] = q.rxPackets();
            double share = total == 0 ? 0 : 100.0 * q.rxPackets() / total;
            ids[i] = q.index();
            rx[i] = q.rxPackets();
            b.append(String.format(Locale.ROOT, "%-6d %12.0f %12d %8d %6.1f%%%n", q.index(), pps, q.rxPackets(), q.totalDrops(), share));
        }
        // the stats bundle's verdict, so the demo and stats:show never disagree on one spread
        b.append("balance: ").append(total == 0 ? "no traffic yet" : Balances.of(ids, rx).text()).append('\n');
        b.append("top flows: ").append(topFlows(run.observer, 5));
        lastNanos = now;
        String table = b.toString();
        if (!redraw) {
            return table + "\n";
        }
        String up = lastLines == 0 ? "" : "\u001b[" + lastLines + "F\u001b[J";
        lastLines = (int) table.chars().filter(c -> c == '\n').count() + 1;
        return up + table + "\n";
    }

    private static String topFlows(LaneObserver o, int n) {
        long[] packed = new long[o.flows()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (Math.min(o.framesOf(i), (1L << 40) - 1) << 20) | i;
        }
        Arrays.sort(packed);
        StringBuilder b = new StringBuilder();
        for (int k = packed.length - 1; k >= Math.max(0, packed.length - n); k--) {
            b.append(k == packed.length - 1 ? "" : ", ").append("flow ").append((packed[k] & 0xfffff) + LabRun.FIRST_FLOW)
                    .append(' ').append(packed[k] >>> 20);
        }
        return b.toString();
    }
}
