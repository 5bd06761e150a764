package io.tapsteer.shell;

import io.tapsteer.stats.json.JsonDocument;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a guest demo's frames went, per queue: received by the guest's own driver
 * ({@code rx_queue_N_packets}), predicted by tapsteer, and counted by the kernel on the tap (its mq
 * qdisc children). {@link #json()} is the last line of {@code ./tapsteer demo --vm --json}.
 *
 * @param device the tap QEMU holds
 * @param guestKernel the guest's kernel release
 * @param qemuPid QEMU's process id
 * @param strategy the demo's strategy
 * @param kernelSteering ebpf when tapsteer's program steers the tap, automq otherwise
 * @param sent frames the kernel accepted from the traffic sources
 * @param dropped frames the tap dropped (tx_dropped: a queue's ring was full)
 * @param flows flows
 * @param seconds how long the run took so far
 * @param limit the run's length
 * @param guest per queue, frames the guest received
 * @param predicted per queue, frames tapsteer predicts there, or null under automq
 * @param kernel per queue, frames the kernel put on the tap's queue
 */
record VmReport(String device, String guestKernel, long qemuPid, String strategy, String kernelSteering, long sent, long dropped,
        int flows, double seconds, int limit, long[] guest, long[] predicted, long[] kernel) {

    /** @return frames the guest received */
    long received() {
        return Arrays.stream(guest).sum();
    }

    /** @return frames on a guest queue beyond what tapsteer predicted there (drops only lower a queue) */
    long misrouted() {
        if (predicted == null) {
            return 0;
        }
        long m = 0;
        for (int q = 0; q < guest.length; q++) {
            m += Math.max(0, guest[q] - predicted[q]);
        }
        return m;
    }

    /** @return one line of JSON */
    String json() {
        return JsonDocument.of(w -> {
            w.beginObject();
            w.name("device").value(device);
            w.name("vm").value(true);
            w.name("guest_kernel").value(guestKernel);
            w.name("qemu_pid").value(qemuPid);
            w.name("strategy").value(strategy);
            w.name("kernel_steering").value(kernelSteering);
            w.name("sent").value(sent);
            w.name("received").value(received());
            w.name("dropped").value(dropped);
            w.name("misrouted").value(misrouted());
            w.name("predicted").value(predicted != null);
            w.name("flows").value(flows);
            JsonDocument.rounded(w.name("seconds"), seconds, 3);
            w.name("queues").beginArray();
            for (int q = 0; q < guest.length; q++) {
                w.beginObject();
                w.name("queue").value(q);
                w.name("guest_rx_packets").value(guest[q]);
                w.name("kernel_packets").value(kernel[q]);
                if (predicted != null) {
                    w.name("predicted_packets").value(predicted[q]);
                }
                w.endObject();
            }
            w.endArray();
            w.endObject();
        });
    }

    /** @return the summary a person reads */
    String text() {
        StringBuilder b = new StringBuilder(header());
        long unaccounted = sent - received() - dropped;
        b.append(String.format(Locale.ROOT, "%s%n", unaccounted == 0 ? "(guest received + tap dropped = sent)"
                : "(" + unaccounted + " not yet received)"));
        table(b, null);
        if (predicted != null) {
            b.append(misrouted() == 0 && dropped == 0 && Arrays.equals(guest, predicted)
                    ? "every guest queue received exactly what tapsteer predicted"
                    : misrouted() == 0 ? "no guest queue received more than predicted; " + dropped + " frames dropped on the tap"
                            : misrouted() + " frames reached a guest queue other than the predicted one");
        } else {
            b.append("automq: the kernel's flow hash chose the queues (no prediction)");
        }
        return b.toString();
    }

    String header() {
        return String.format(Locale.ROOT, "tapsteer demo --vm  %s  guest %s (QEMU pid %d)  strategy %s (%s)  %.0f/%d s  sent %d  "
                + "guest received %d  tap dropped %d  misrouted %s%n", device, guestKernel, qemuPid, strategy, kernelSteering, seconds, limit,
                sent, received(), dropped, predicted != null ? Long.toString(misrouted()) : "n/a");
    }

    /** Appends the per-queue table; {@code pps} the guest's receive rate per queue, or null. */
    void table(StringBuilder b, double[] pps) {
        b.append(String.format("%-6s %12s %12s %12s %10s %7s%n", "QUEUE", "GUEST_RX", "PREDICTED", "KERNEL", "GUEST_PPS", "SHARE"));
        long total = Math.max(1, received());
        for (int q = 0; q < guest.length; q++) {
            b.append(String.format(Locale.ROOT, "%-6d %12d %12s %12d %10s %6.1f%%%n", q, guest[q],
                    predicted == null ? "-" : Long.toString(predicted[q]), kernel[q],
                    pps == null ? "-" : String.format(Locale.ROOT, "%.0f", pps[q]), 100.0 * guest[q] / total));
        }
    }
}
