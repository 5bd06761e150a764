package io.tapsteer.stats;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.Rate;
import io.tapsteer.api.tap.KernelCounters;
import java.util.List;

/**
 * JSON rendering of {@link DeviceStats} (no library needed). Keys are snake_case and stable:
 * {@code device, sequence, time_ms, strategy, window_s, rx, tx, queues, lanes, balance,
 * lane_balance, kernel, top_flows, flow_packets}; see {@link #device(DeviceStats)}. Rates are per second, shares are
 * fractions 0..1.
 */
public final class StatsJson {
    private StatsJson() {
    }

    /** @return one snapshot as a JSON object */
    public static String device(DeviceStats s) {
        StringBuilder b = new StringBuilder(1024);
        b.append('{');
        str(b, "device", s.device()).append(',');
        num(b, "sequence", s.sequence()).append(',');
        num(b, "time_ms", s.wallMillis()).append(',');
        str(b, "strategy", s.strategy()).append(',');
        num(b, "window_s", s.rxRate().windowNanos() / 1e9).append(',');
        key(b, "rx");
        totals(b, s.rxPackets(), s.rxBytes(), s.rxRate()).append(',');
        key(b, "tx");
        totals(b, s.txPackets(), s.txBytes(), s.txRate()).append(',');
        key(b, "queues");
        rows(b, "queue", s.queues()).append(',');
        key(b, "lanes");
        rows(b, "lane", s.lanes()).append(',');
        key(b, "balance");
        balance(b, s.balance()).append(',');
        key(b, "lane_balance");
        balance(b, s.laneBalance()).append(',');
        key(b, "kernel");
        kernel(b, s.kernel()).append(',');
        key(b, "top_flows");
        flows(b, s.topFlows()).append(',');
        num(b, "flow_packets", s.flowPackets());
        return b.append('}').toString();
    }

    /**
     * @return the history as {@code {"device":..,"samples":[{"sequence","time_ms","rx_pps","rx_bps",
     *         "queue_pps":[..],"verdict"}..]}}: what a chart of the last minutes needs
     */
    public static String history(String device, List<DeviceStats> samples) {
        StringBuilder b = new StringBuilder(64 + samples.size() * 96);
        b.append('{');
        str(b, "device", device).append(',');
        key(b, "samples").append('[');
        for (int i = 0; i < samples.size(); i++) {
            DeviceStats s = samples.get(i);
            b.append(i == 0 ? "{" : ",{");
            num(b, "sequence", s.sequence()).append(',');
            num(b, "time_ms", s.wallMillis()).append(',');
            num(b, "rx_pps", s.rxRate().packetsPerSecond()).append(',');
            num(b, "rx_bps", s.rxRate().bitsPerSecond()).append(',');
            key(b, "queue_pps").append('[');
            for (int q = 0; q < s.queues().size(); q++) {
                b.append(q == 0 ? "" : ",").append(number(s.queues().get(q).rxRate().packetsPerSecond()));
            }
            b.append("],");
            str(b, "verdict", s.balance().verdict().label()).append('}');
        }
        return b.append("]}").toString();
    }

    private static StringBuilder totals(StringBuilder b, long packets, long bytes, Rate r) {
        b.append('{');
        num(b, "packets", packets).append(',');
        num(b, "bytes", bytes).append(',');
        num(b, "pps", r.packetsPerSecond()).append(',');
        num(b, "bps", r.bitsPerSecond());
        return b.append('}');
    }

    private static StringBuilder rows(StringBuilder b, String id, List<QueueStats> rows) {
        b.append('[');
        for (int i = 0; i < rows.size(); i++) {
            QueueStats q = rows.get(i);
            CounterSnapshot c = q.counters();
            b.append(i == 0 ? "{" : ",{");
            num(b, id, q.index()).append(',');
            num(b, "rx_packets", c.rxPackets()).append(',');
            num(b, "rx_bytes", c.rxBytes()).append(',');
            num(b, "tx_packets", c.txPackets()).append(',');
            num(b, "tx_bytes", c.txBytes()).append(',');
            key(b, "drops").append('{');
            for (DropReason r : DropReason.values()) {
                num(b, r.label(), c.drops(r)).append(r.ordinal() < DropReason.values().length - 1 ? "," : "");
            }
            b.append("},");
            num(b, "fallbacks", c.fallbacks()).append(',');
            num(b, "batches", c.batches()).append(',');
            key(b, "batch_sizes").append('{');
            for (int k = 0; k < Counters.BUCKETS; k++) {
                int low = 1 << k;
                String label = k == Counters.BUCKETS - 1 ? low + "+" : low == 1 ? "1" : low + "-" + (2 * low - 1);
                num(b, label, c.batchSizes()[k]).append(k < Counters.BUCKETS - 1 ? "," : "");
            }
            b.append("},");
            num(b, "rx_pps", q.rxRate().packetsPerSecond()).append(',');
            num(b, "rx_bps", q.rxRate().bitsPerSecond()).append(',');
            num(b, "tx_pps", q.txRate().packetsPerSecond()).append(',');
            num(b, "tx_bps", q.txRate().bitsPerSecond()).append(',');
            num(b, "share", q.share()).append('}');
        }
        return b.append(']');
    }

    private static StringBuilder balance(StringBuilder b, Balance x) {
        b.append('{');
        str(b, "verdict", x.verdict().label()).append(',');
        str(b, "text", x.text()).append(',');
        num(b, "queues", x.queues()).append(',');
        num(b, "hot_queue", x.hotQueue()).append(',');
        num(b, "max_over_mean", x.maxOverMean()).append(',');
        num(b, "cv", x.coefficientOfVariation()).append(',');
        num(b, "jain", x.jainIndex());
        return b.append('}');
    }

    private static StringBuilder kernel(StringBuilder b, KernelView k) {
        b.append('{');
        b.append("\"available\":").append(k.available()).append(',');
        str(b, "reason", k.unavailableReason()).append(',');
        KernelCounters c = k.counters();
        if (c != null) {
            num(b, "tx_packets", c.txPackets()).append(',');
            num(b, "tx_bytes", c.txBytes()).append(',');
            num(b, "tx_dropped", c.txDropped()).append(',');
            num(b, "tx_errors", c.txErrors()).append(',');
            num(b, "rx_packets", c.rxPackets()).append(',');
            num(b, "rx_bytes", c.rxBytes()).append(',');
            num(b, "rx_dropped", c.rxDropped()).append(',');
            num(b, "rx_errors", c.rxErrors()).append(',');
        }
        num(b, "delivered", k.kernelDelivered()).append(',');
        num(b, "dropped_before_tapsteer", k.kernelDropped()).append(',');
        num(b, "tapsteer_read", k.tapsteerRead()).append(',');
        num(b, "tapsteer_delivered", k.tapsteerDelivered()).append(',');
        num(b, "tapsteer_dropped", k.tapsteerDropped()).append(',');
        num(b, "unaccounted", k.unaccounted()).append(',');
        num(b, "in_flight", k.inFlight()).append(',');
        str(b, "explanation", k.explanation());
        return b.append('}');
    }

    private static StringBuilder flows(StringBuilder b, List<FlowStats> flows) {
        b.append('[');
        for (int i = 0; i < flows.size(); i++) {
            FlowStats f = flows.get(i);
            b.append(i == 0 ? "{" : ",{");
            num(b, "rank", i + 1).append(',');
            str(b, "flow", f.flow()).append(',');
            num(b, "key", f.key()).append(',');
            num(b, "packets", f.packets()).append(',');
            num(b, "bytes", f.bytes()).append(',');
            num(b, "error", f.error()).append(',');
            num(b, "share", f.share()).append(',');
            num(b, "queue", f.queue()).append(',');
            num(b, "lane", f.lane()).append('}');
        }
        return b.append(']');
    }

    private static StringBuilder key(StringBuilder b, String key) {
        return quote(b, key).append(':');
    }

    private static StringBuilder str(StringBuilder b, String key, String value) {
        key(b, key);
        return value == null ? b.append("null") : quote(b, value);
    }

    private static StringBuilder num(StringBuilder b, String key, long value) {
        return key(b, key).append(value);
    }

    private static StringBuilder num(StringBuilder b, String key, double value) {
        return key(b, key).append(number(value));
    }

    /** @return a JSON number; NaN and infinities (not JSON) become null */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(Math.round(v * 1e6) / 1e6);
    }

    /** Appends a JSON string literal with the escapes RFC 8259 requires. */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
