package io.tapsteer.stats;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.Rate;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text rendering of {@link DeviceStats} for the shell and logs: a per-queue table with rates
 * and shares, the balance verdict, the kernel comparison and the top flows. Columns are fixed width;
 * rates use SI prefixes (k, M, G).
 */
public final class StatsFormat {
    private static final String QUEUE_HEADER = "%-6s %12s %14s %9s %9s %7s %8s %9s%n";

    private StatsFormat() {
    }

    /**
     * @return everything: header, queue table, balance (and the lanes' when a user-space strategy
     *         spreads them differently), kernel, top flows
     */
    public static String report(DeviceStats s) {
        String lanes = s.laneBalance().verdict() != s.balance().verdict()
                ? "lanes:   " + s.laneBalance().text() + System.lineSeparator() : "";
        return header(s) + queueTable(s) + "balance: " + s.balance().text() + System.lineSeparator() + lanes
                + "kernel:  " + s.kernel().explanation() + System.lineSeparator() + topFlows(s.topFlows());
    }

    /** @return one line: device, strategy, sample number and rate window */
    public static String header(DeviceStats s) {
        return String.format(Locale.ROOT, "device %s  strategy %s  sample %d  window %s%n", s.device(),
                s.strategy(), s.sequence(), window(s.rxRate()));
    }

    /** @return the per-queue table with a total line */
    public static String queueTable(DeviceStats s) {
        return table("queue", s.queues(), s);
    }

    /** @return the per-lane table with a total line */
    public static String laneTable(DeviceStats s) {
        return table("lane", s.lanes(), s);
    }

    private static String table(String what, List<QueueStats> rows, DeviceStats s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, QUEUE_HEADER, what, "rx packets", "rx bytes", "rx pps", "rx bit/s",
                "share", "drops", "fallback"));
        long packets = 0;
        long bytes = 0;
        long drops = 0;
        long fallbacks = 0;
        double pps = 0;
        double bps = 0;
        for (QueueStats q : rows) {
            CounterSnapshot c = q.counters();
            b.append(String.format(Locale.ROOT, QUEUE_HEADER, q.index(), c.rxPackets(), c.rxBytes(),
                    si(q.rxRate().packetsPerSecond()), si(q.rxRate().bitsPerSecond()), percent(q.share()),
                    c.totalDrops(), c.fallbacks()));
            packets += c.rxPackets();
            bytes += c.rxBytes();
            drops += c.totalDrops();
            fallbacks += c.fallbacks();
            pps += q.rxRate().packetsPerSecond();
            bps += q.rxRate().bitsPerSecond();
        }
        b.append(String.format(Locale.ROOT, QUEUE_HEADER, "total", packets, bytes, si(pps), si(bps),
                rows.isEmpty() ? "-" : "100.0%", drops, fallbacks));
        return b.toString();
    }

    /** @return the top flows as a table, or a line saying there are none */
    public static String topFlows(List<FlowStats> flows) {
        if (flows.isEmpty()) {
            return "top flows: none counted" + System.lineSeparator();
        }
        StringBuilder b = new StringBuilder("top flows:").append(System.lineSeparator());
        String row = "%4s %12s %7s %6s %5s  %s%n";
        b.append(String.format(Locale.ROOT, row, "#", "packets", "share", "queue", "lane", "flow"));
        int rank = 1;
        for (FlowStats f : flows) {
            b.append(String.format(Locale.ROOT, row, rank++, f.packets() + (f.error() > 0 ? "~" : ""),
                    percent(f.share()), f.queue(), f.lane(), f.flow()));
        }
        return b.toString();
    }

    /** @return "5.0 s", or "none yet" before the second sample */
    public static String window(Rate r) {
        return r.measured() ? String.format(Locale.ROOT, "%.1f s", r.windowNanos() / 1e9) : "none yet";
    }

    /** @return a value with an SI prefix: 950, 1.23k, 45.6M, 7.89G */
    public static String si(double v) {
        double a = Math.abs(v);
        if (a < 1000) {
            return String.format(Locale.ROOT, a == Math.rint(a) ? "%.0f" : "%.1f", v);
        }
        String[] prefixes = {"k", "M", "G", "T", "P"};
        int i = -1;
        while (a >= 1000 && i < prefixes.length - 1) {
            a /= 1000;
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.0f%s" : a >= 10 ? "%.1f%s" : "%.2f%s", v, prefixes[i]);
    }

    /** @return a fraction as a percentage with one decimal: "25.1%" */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
