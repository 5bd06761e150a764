package io.tapsteer.shell;

import io.tapsteer.api.stats.CounterSnapshot;
import java.util.List;
import java.util.Locale;

/** Text of the {@code steer:} results (part of {@link TextFormat}). */
final class SteerFormat {
    private SteerFormat() {
    }

    static CharSequence format(Object target) {
        if (target instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof SteerView.StrategyRow) {
            StringBuilder b = new StringBuilder(String.format("%-14s %-6s %-6s %-30s %-12s %s%n", "STRATEGY", "ORDER", "KERNEL", "BUNDLE", "ACTIVE_ON", "DESCRIPTION"));
            for (Object o : list) {
                SteerView.StrategyRow r = (SteerView.StrategyRow) o;
                b.append(String.format("%-14s %-6s %-6s %-30s %-12s %s%n", r.name(), r.keepsFlowOrder() ? "flow" : "none",
                        r.kernelForm() ? "yes" : "no", r.bundle(), r.activeOn().isEmpty() ? "-" : String.join(",", r.activeOn()), r.description()));
            }
            return b.substring(0, b.length() - 1);
        }
        if (target instanceof SteerView.Device d) {
            StringBuilder b = new StringBuilder();
            b.append(d.device()).append(": strategy ").append(d.strategy()).append(", lanes ").append(d.lanes()).append('\n');
            b.append("  steering ").append(d.steering()).append('\n');
            b.append(String.format("  %-5s %-5s %12s %14s %8s %9s%n", "KIND", "INDEX", "RX_PACKETS", "RX_BYTES", "DROPS", "FALLBACKS"));
            for (CounterSnapshot c : d.queues()) {
                b.append(row(c));
            }
            for (CounterSnapshot c : d.laneCounters()) {
                b.append(row(c));
            }
            for (String r : d.refused()) {
                b.append("refused: ").append(r).append('\n');
            }
            return b.substring(0, b.length() - 1);
        }
        if (target instanceof SteerView.Explained e) {
            String head = e.device().isEmpty() ? "no device steered: user-space explanation\n"
                    : e.device() + ": " + e.steering() + "\n";
            return head + e.explanation();
        }
        return null;
    }

    private static String row(CounterSnapshot c) {
        return String.format(Locale.ROOT, "  %-5s %-5d %12d %14d %8d %9d%n", c.name(), c.index(), c.rxPackets(), c.rxBytes(),
                c.totalDrops(), c.fallbacks());
    }
}
