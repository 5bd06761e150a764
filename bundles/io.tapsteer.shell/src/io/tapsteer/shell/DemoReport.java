package io.tapsteer.shell;

import java.util.List;
import java.util.Locale;

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
    record Queue(int queue, long rxPackets, long rxBytes, long drops, java.util.Map<String, Long> dropReasons) {
    }

    /** @return one line of JSON */
    String json() {
        StringBuilder b = new StringBuilder("{");
        b.append("\"device\":").append(quote(device));
        b.append(",\"strategy\":").append(quote(strategy));
        b.append(",\"kernel_steering\":").append(quote(kernelSteering));
        b.append(",\"sent\":").append(sent);
        b.append(",\"received\":").append(received);
        b.append(",\"dropped\":").append(dropped);
        drops.byPlace().forEach((k, v) -> b.append(",\"dropped_").append(k).append("\":").append(v));
        b.append(",\"device_gone\":").append(deviceGone);
        b.append(",\"misrouted\":").append(misrouted);
        b.append(",\"predicted\":").append(predicted);
        b.append(",\"out_of_order\":").append(outOfOrder);
        b.append(",\"flows\":").append(flows);
        b.append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", seconds));
        b.append(",\"queues\":[");
        for (int i = 0; i < queues.size(); i++) {
            Queue q = queues.get(i);
            b.append(i == 0 ? "" : ",").append("{\"queue\":").append(q.queue()).append(",\"rx_packets\":").append(q.rxPackets())
                    .append(",\"rx_bytes\":").append(q.rxBytes()).append(",\"drops\":").append(q.drops());
            q.dropReasons().forEach((k, v) -> b.append(",\"drops_").append(k.replace('-', '_')).append("\":").append(v));
            b.append('}');
        }
        return b.append("]}").toString();
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

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
