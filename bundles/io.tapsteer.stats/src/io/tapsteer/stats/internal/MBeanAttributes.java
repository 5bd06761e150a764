package io.tapsteer.stats.internal;

import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.tap.KernelCounters;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The attributes of the device, queue and lane MBeans: every counter, rate and verdict. */
final class MBeanAttributes {
    private MBeanAttributes() {
    }

    /** @return "PoolExhausted" for "pool-exhausted" */
    static String camel(String label) {
        StringBuilder b = new StringBuilder();
        for (String part : label.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /** @return "1", "2to3", ... "128plus": the histogram bucket names */
    static String bucket(int b) {
        int low = 1 << b;
        return b == Counters.BUCKETS - 1 ? low + "plus" : low == 1 ? "1" : low + "to" + (2 * low - 1);
    }

    static List<StatsMBean.Attr> device() {
        StatsMBean.Builder b = new StatsMBean.Builder()
                .add("Device", String.class, "device name", DeviceStats::device)
                .add("Strategy", String.class, "active steering strategy", DeviceStats::strategy)
                .add("Queues", Integer.class, "queues counted", s -> s.queues().size())
                .add("Lanes", Integer.class, "lanes counted", s -> s.lanes().size())
                .add("RxPackets", Long.class, "frames read from all queues", DeviceStats::rxPackets)
                .add("RxBytes", Long.class, "bytes read from all queues", DeviceStats::rxBytes)
                .add("TxPackets", Long.class, "frames written into all queues", DeviceStats::txPackets)
                .add("TxBytes", Long.class, "bytes written into all queues", DeviceStats::txBytes)
                .add("Drops", Long.class, "frames tapsteer dropped, every reason", DeviceStats::drops)
                .add("Fallbacks", Long.class, "steering fallbacks to the default lane",
                        s -> sum(s.queues(), q -> q.counters().fallbacks()) + sum(s.lanes(), q -> q.counters().fallbacks()));
        for (DropReason r : DropReason.values()) {
            b.add("Drops" + camel(r.label()), Long.class, "frames dropped: " + r.label(), s -> s.drops(r));
        }
        b.add("RxPacketsPerSecond", Double.class, "receive rate over the window", s -> s.rxRate().packetsPerSecond())
                .add("RxBitsPerSecond", Double.class, "receive rate over the window", s -> s.rxRate().bitsPerSecond())
                .add("TxPacketsPerSecond", Double.class, "transmit rate over the window", s -> s.txRate().packetsPerSecond())
                .add("TxBitsPerSecond", Double.class, "transmit rate over the window", s -> s.txRate().bitsPerSecond())
                .add("RateWindowSeconds", Double.class, "window of the rates", s -> s.rxRate().windowNanos() / 1e9)
                .add("BalanceVerdict", String.class, "idle, single, balanced, skewed or hot", s -> s.balance().verdict().label())
                .add("Balance", String.class, "the balance verdict in words", s -> s.balance().text())
                .add("HotQueue", Integer.class, "the hot queue, -1 when none", s -> s.balance().hotQueue())
                .add("MaxOverMean", Double.class, "busiest queue / mean", s -> s.balance().maxOverMean())
                .add("CoefficientOfVariation", Double.class, "standard deviation / mean of packets per queue",
                        s -> s.balance().coefficientOfVariation())
                .add("JainIndex", Double.class, "Jain's fairness index (1 = even, 1/n = one queue)", s -> s.balance().jainIndex())
                .add("LaneBalanceVerdict", String.class, "balance of the lanes: idle, single, balanced, skewed or hot",
                        s -> s.laneBalance().verdict().label())
                .add("LaneBalance", String.class, "the lanes' balance in words", s -> s.laneBalance().text())
                .add("HotLane", Integer.class, "the hot lane, -1 when none", s -> s.laneBalance().hotQueue())
                .add("LaneJainIndex", Double.class, "Jain's fairness index over the lanes", s -> s.laneBalance().jainIndex())
                .add("KernelAvailable", Boolean.class, "whether the kernel counters could be read", s -> s.kernel().available())
                .add("KernelTxPackets", Long.class, "kernel tx_packets: frames read from the queues", s -> kernel(s, KernelCounters::txPackets))
                .add("KernelTxBytes", Long.class, "kernel tx_bytes", s -> kernel(s, KernelCounters::txBytes))
                .add("KernelTxDropped", Long.class, "kernel tx_dropped: a queue ring was full", s -> kernel(s, KernelCounters::txDropped))
                .add("KernelTxErrors", Long.class, "kernel tx_errors", s -> kernel(s, KernelCounters::txErrors))
                .add("KernelRxPackets", Long.class, "kernel rx_packets: frames written into the tap", s -> kernel(s, KernelCounters::rxPackets))
                .add("KernelRxBytes", Long.class, "kernel rx_bytes", s -> kernel(s, KernelCounters::rxBytes))
                .add("KernelRxDropped", Long.class, "kernel rx_dropped", s -> kernel(s, KernelCounters::rxDropped))
                .add("KernelRxErrors", Long.class, "kernel rx_errors", s -> kernel(s, KernelCounters::rxErrors))
                .add("KernelDroppedBeforeTapsteer", Long.class, "tx_dropped since tracking began", s -> s.kernel().kernelDropped())
                .add("KernelDelivered", Long.class, "tx_packets since tracking began", s -> s.kernel().kernelDelivered())
                .add("TapsteerRead", Long.class, "frames tapsteer read since tracking began", s -> s.kernel().tapsteerRead())
                .add("TapsteerDelivered", Long.class, "frames delivered to handlers since tracking began",
                        s -> s.kernel().tapsteerDelivered())
                .add("TapsteerDropped", Long.class, "frames tapsteer dropped since tracking began", s -> s.kernel().tapsteerDropped())
                .add("Unaccounted", Long.class, "delivered by the kernel, not (yet) counted by tapsteer", s -> s.kernel().unaccounted())
                .add("KernelExplanation", String.class, "the kernel's and tapsteer's counters compared, in words",
                        s -> s.kernel().explanation())
                .add("FlowPackets", Long.class, "packets seen by the top-flow summary", DeviceStats::flowPackets)
                .add("TopFlows", String[].class, "heaviest flows: packets, share, queue, flow", MBeanAttributes::topFlows);
        return b.build();
    }

    private static Object kernel(DeviceStats s, ToLongFunction<KernelCounters> f) {
        KernelView k = s.kernel();
        return k.counters() == null ? null : f.applyAsLong(k.counters());
    }

    private static long sum(List<QueueStats> list, ToLongFunction<QueueStats> f) {
        long t = 0;
        for (QueueStats q : list) {
            t += f.applyAsLong(q);
        }
        return t;
    }

    private static String[] topFlows(DeviceStats s) {
        String[] out = new String[s.topFlows().size()];
        for (int i = 0; i < out.length; i++) {
            FlowStats f = s.topFlows().get(i);
            out[i] = String.format(java.util.Locale.ROOT, "%d pkts %.1f%% q%d %s", f.packets(), 100 * f.share(),
                    f.queue(), f.flow());
        }
        return out;
    }

    /**
     * @param lanes true for the lane list, false for queues
     * @param index queue id or lane index
     */
    static List<StatsMBean.Attr> queue(boolean lanes, int index) {
        Function<DeviceStats, QueueStats> pick = s -> {
            for (QueueStats q : lanes ? s.lanes() : s.queues()) {
                if (q.index() == index) {
                    return q;
                }
            }
            return null;
        };
        StatsMBean.Builder b = new StatsMBean.Builder()
                .add(lanes ? "Lane" : "Queue", Integer.class, lanes ? "lane index" : "queue id", s -> index)
                .add("Present", Boolean.class, "whether it still exists", s -> pick.apply(s) != null);
        addLong(b, pick, "RxPackets", "frames received", q -> q.counters().rxPackets());
        addLong(b, pick, "RxBytes", "bytes received", q -> q.counters().rxBytes());
        addLong(b, pick, "TxPackets", "frames transmitted", q -> q.counters().txPackets());
        addLong(b, pick, "TxBytes", "bytes transmitted", q -> q.counters().txBytes());
        addLong(b, pick, "Drops", "frames dropped, every reason", q -> q.counters().totalDrops());
        for (DropReason r : DropReason.values()) {
            addLong(b, pick, "Drops" + camel(r.label()), "frames dropped: " + r.label(), q -> q.counters().drops(r));
        }
        addLong(b, pick, "Fallbacks", "steering fallbacks", q -> q.counters().fallbacks());
        addLong(b, pick, "Batches", "batches handed on", q -> q.counters().batches());
        for (int i = 0; i < Counters.BUCKETS; i++) {
            int bucket = i;
            addLong(b, pick, "BatchSize" + bucket(i), "batches of this size", q -> q.counters().batchSizes()[bucket]);
        }
        addDouble(b, pick, "RxPacketsPerSecond", "receive rate", q -> q.rxRate().packetsPerSecond());
        addDouble(b, pick, "RxBitsPerSecond", "receive rate", q -> q.rxRate().bitsPerSecond());
        addDouble(b, pick, "TxPacketsPerSecond", "transmit rate", q -> q.txRate().packetsPerSecond());
        addDouble(b, pick, "TxBitsPerSecond", "transmit rate", q -> q.txRate().bitsPerSecond());
        addDouble(b, pick, "Share", "fraction of the device's received packets", QueueStats::share);
        return b.build();
    }

    private static void addLong(StatsMBean.Builder b, Function<DeviceStats, QueueStats> pick, String name,
            String description, ToLongFunction<QueueStats> f) {
        b.add(name, Long.class, description, s -> {
            QueueStats q = pick.apply(s);
            return q == null ? null : f.applyAsLong(q);
        });
    }

    private static void addDouble(StatsMBean.Builder b, Function<DeviceStats, QueueStats> pick, String name,
            String description, java.util.function.ToDoubleFunction<QueueStats> f) {
        b.add(name, Double.class, description, s -> {
            QueueStats q = pick.apply(s);
            return q == null ? null : f.applyAsDouble(q);
        });
    }
}
