package io.tapsteer.shell;

import io.tapsteer.stats.json.JsonDocument;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a lab run: what was sent, received, dropped and misrouted, per queue. {@link #json()}
 * is the one-line JSON object {@code ./tapsteer demo --json} prints last, with the keys the README
 * documents.
 *
 * @param device the tap
 * @param strategy the strategy active at the end
 * @param kernelSteering how the strategy was applied (kernel program, kernel automq, user space)
 * @param sent frames the kernel accepted from the traffic source
 * @param received frames delivered on the lanes
 * @param dropped frames dropped by the kernel (full queue ring) or by tapsteer, counted
 * @param drops the same frames by where they were dropped
 * @param deviceGone whether the tap vanished underneath during the run
 * @param predicted whether frames were predicted (where the kernel steered); false leaves misrouted at 0
 * @param misrouted frames whose lane differs from the software prediction
 * @param outOfOrder frames that arrived after a later frame of their flow
 * @param seconds how long the run took
 * @param flows the lab's own flows, 0 where only captures were replayed
 * @param queues per queue
 */
record DemoReport(String device, String strategy, String kernelSteering, long sent, long received, long dropped,
        LabDrops drops, boolean deviceGone, boolean predicted, long misrouted, long outOfOrder, double seconds, int flows, List<Queue> queues) {

    /**
     * One queue.
     *
     * @param queue the queue id
     * @param rxPackets frames read from it
     * @param rxBytes their bytes
     * @param drops frames tapsteer dropped after reading them from it
     * @param dropReasons those drops by reason label, only reasons that occurred
     */
    record Queue(int queue, long rxPackets, long rxBytes, long drops, Map<String, Long> dropReasons) {
    }

    /** @return one line of JSON */
    String json() {
        return JsonDocument.of(w -> {
            w.beginObject();
            w.name("device").value(device);
            w.name("strategy").value(strategy);
            w.name("kernel_steering").value(kernelSteering);
            w.name("sent").value(sent);
            w.name("received").value(received);
            w.name("dropped").value(dropped);
            for (Map.Entry<String, Long> d : drops.byPlace().entrySet()) {
                w.name("dropped_" + d.getKey()).value(d.getValue());
            }
            w.name("device_gone").value(deviceGone);
            w.name("misrouted").value(misrouted);
            w.name("predicted").value(predicted);
            w.name("out_of_order").value(outOfOrder);
            w.name("flows").value(flows);
            JsonDocument.rounded(w.name("seconds"), seconds, 3);
            w.name("queues").beginArray();
            for (Queue q : queues) {
                w.beginObject();
                w.name("queue").value(q.queue());
                w.name("rx_packets").value(q.rxPackets());
                w.name("rx_bytes").value(q.rxBytes());
                w.name("drops").value(q.drops());
                for (Map.Entry<String, Long> d : q.dropReasons().entrySet()) {
                    w.name("drops_" + d.getKey().replace('-', '_')).value(d.getValue());
                }
                w.endObject();
            }
            w.endArray();
            w.endObject();
        });
    }

    /** @return the summary a person reads */
    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: strategy %s, kernel steering %s, %s%.1f s%n", device, strategy, kernelSteering,
                flows > 0 ? flows + " flows, " : "", seconds));
        if (deviceGone) {
            b.append(device).append(" is gone: it was deleted underneath (or its namespace closed) during the run\n");
        }
        b.append(String.format(Locale.ROOT, "sent %d  received %d  dropped %d%s  misrouted %s  out of order %d  %s%n",
                sent, received, dropped, drops.where(), predicted ? Long.toString(misrouted) : "n/a (steered in user space)", outOfOrder,
                received + dropped == sent ? "(received + dropped = sent)" : "(" + (sent - received - dropped) + " unaccounted)"));
        b.append(String.format("%-6s %12s %14s %8s %7s%n", "QUEUE", "RX_PACKETS", "RX_BYTES", "DROPS", "SHARE"));
        long total = Math.max(1, queues.stream().mapToLong(Queue::rxPackets).sum());
        for (Queue q : queues) {
            b.append(String.format(Locale.ROOT, "%-6d %12d %14d %8d %6.1f%%%n", q.queue(), q.rxPackets(), q.rxBytes(), q.drops(),
                    100.0 * q.rxPackets() / total));
        }
        return b.substring(0, b.length() - 1);
    }
}
