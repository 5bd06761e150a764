package io.tapsteer.shell;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DropReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a lab run's frames were dropped: by the kernel before any queue reader saw them (the tap's
 * queue ring was full), by tapsteer after reading them (pool empty, lane ring full, malformed: the
 * queues' DROPS), by a frame handler that threw (the lanes' DROPS), and, when the device was
 * deleted underneath, what its queue rings held at that moment.
 *
 * @param tapQueueFull the kernel's tx_dropped: a queue ring of the tap was full
 * @param poolExhausted read, but no pooled buffer was free
 * @param laneFull read, but the lane's ring was full (a slow handler)
 * @param malformed read, but not a frame
 * @param handler delivered to a handler that threw
 * @param goneWithDevice sent but neither read nor counted by the kernel before the device vanished
 */
record LabDrops(long tapQueueFull, long poolExhausted, long laneFull, long malformed, long handler, long goneWithDevice) {

    /** @return every drop */
    long total() {
        return tapQueueFull + poolExhausted + laneFull + malformed + handler + goneWithDevice;
    }

    /** @return drops by place, only those that occurred, in the order of the data path */
    Map<String, Long> byPlace() {
        Map<String, Long> m = new LinkedHashMap<>();
        put(m, "tap_queue_full", tapQueueFull);
        put(m, "pool_exhausted", poolExhausted);
        put(m, "lane_full", laneFull);
        put(m, "malformed", malformed);
        put(m, "handler", handler);
        put(m, "gone_with_device", goneWithDevice);
        return m;
    }

    /** @return "" without drops, else where they were, e.g. " (kernel: tap queue full 90682)" */
    String where() {
        if (total() == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        part(b, "kernel: tap queue full", tapQueueFull);
        part(b, "pool exhausted", poolExhausted);
        part(b, "lane ring full", laneFull);
        part(b, "malformed", malformed);
        part(b, "handler threw", handler);
        part(b, "in the queue rings when the device vanished", goneWithDevice);
        return b.append(')').toString();
    }

    /** Sums tapsteer's counters; the kernel's drop count and the frames lost with a vanished device come from the run. */
    static LabDrops of(long tapQueueFull, List<CounterSnapshot> queues, List<CounterSnapshot> lanes, long goneWithDevice) {
        long pool = 0;
        long lane = 0;
        long bad = 0;
        long handler = 0;
        for (CounterSnapshot c : queues) {
            pool += c.drops(DropReason.POOL_EXHAUSTED);
            lane += c.drops(DropReason.LANE_FULL);
            bad += c.drops(DropReason.MALFORMED);
            handler += c.drops(DropReason.HANDLER_ERROR);
        }
        for (CounterSnapshot c : lanes) {
            pool += c.drops(DropReason.POOL_EXHAUSTED);
            lane += c.drops(DropReason.LANE_FULL);
            bad += c.drops(DropReason.MALFORMED);
            handler += c.drops(DropReason.HANDLER_ERROR);
        }
        return new LabDrops(tapQueueFull, pool, lane, bad, handler, goneWithDevice);
    }

    private static void put(Map<String, Long> m, String key, long v) {
        if (v != 0) {
            m.put(key, v);
        }
    }

    private static void part(StringBuilder b, String what, long n) {
        if (n != 0) {
            b.append(b.length() > 2 ? "; " : "").append(what).append(' ').append(n);
        }
    }
}
