package io.tapsteer.stats.internal;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.tap.KernelCounters;
import java.util.List;

/**
 * Puts the kernel's counters of a tap beside tapsteer's and explains the difference. Both sides are
 * counted from a baseline taken when tracking began, so a persistent tap's older traffic does not
 * show as a difference.
 *
 * <p>What the kernel counts (measured on kernel 6.18): a frame it puts on a queue ring is counted as
 * tx_packets only when user space reads it; a frame it cannot queue (the ring is full, or no queue is
 * attached) is counted as tx_dropped and is never seen by tapsteer. Frames waiting in a ring are
 * counted by neither side until read. A frame written into a queue fd is counted as rx_packets.
 */
final class KernelExplainer {
    private final KernelCounters kernelBase;
    private final long readBase;
    private final long writtenBase;
    private final long deliveredBase;
    private final long[] dropsBase;

    /**
     * Takes the baseline: the kernel's counters (null when unreadable) and tapsteer's queues and lanes.
     * Queue drops and lane drops are disjoint: a frame is dropped once, where it was lost.
     */
    KernelExplainer(KernelCounters kernel, List<CounterSnapshot> queues, List<CounterSnapshot> lanes) {
        kernelBase = kernel;
        readBase = sum(queues, true);
        writtenBase = sum(queues, false);
        deliveredBase = sum(lanes, true);
        dropsBase = drops(queues, lanes);
    }

    private static long sum(List<CounterSnapshot> queues, boolean rx) {
        long t = 0;
        for (CounterSnapshot q : queues) {
            t += rx ? q.rxPackets() : q.txPackets();
        }
        return t;
    }

    private static long[] drops(List<CounterSnapshot> queues, List<CounterSnapshot> lanes) {
        long[] d = new long[DropReason.values().length];
        for (List<CounterSnapshot> list : List.of(queues, lanes)) {
            for (CounterSnapshot q : list) {
                for (DropReason r : DropReason.values()) {
                    d[r.ordinal()] += q.drops(r);
                }
            }
        }
        return d;
    }

    /**
     * @param kernel the kernel's counters now, null when unreadable
     * @param unreadable why they could not be read
     * @param queues tapsteer's queue counters now
     * @param lanes tapsteer's lane counters now (drops after steering are counted there)
     */
    KernelView view(KernelCounters kernel, String unreadable, List<CounterSnapshot> queues,
            List<CounterSnapshot> lanes) {
        long read = sum(queues, true) - readBase;
        long written = sum(queues, false) - writtenBase;
        long delivered = sum(lanes, true) - deliveredBase;
        long[] d = drops(queues, lanes);
        long dropped = 0;
        StringBuilder reasons = new StringBuilder();
        for (DropReason r : DropReason.values()) {
            long n = d[r.ordinal()] - dropsBase[r.ordinal()];
            dropped += n;
            if (n > 0) {
                reasons.append(reasons.length() == 0 ? "" : ", ").append(r.label()).append(' ').append(n);
            }
        }
        if (kernel == null || kernelBase == null) {
            String why = kernel == null ? unreadable : "the baseline could not be read when tracking began";
            return new KernelView(false, why, kernel, 0, 0, read, delivered, dropped, 0, written,
                    "Kernel counters unavailable (" + why + "). " + tapsteer(read, delivered, dropped, reasons));
        }
        long kernelDelivered = kernel.txPackets() - kernelBase.txPackets();
        long kernelDropped = kernel.txDropped() - kernelBase.txDropped();
        long received = kernel.rxPackets() - kernelBase.rxPackets();
        StringBuilder e = new StringBuilder();
        if (kernelDropped > 0) {
            e.append("The kernel dropped ").append(kernelDropped).append(" frames before tapsteer saw them ")
                    .append("(tx_dropped: a queue ring was full, or no queue was attached). ");
        } else {
            e.append("The kernel dropped no frame before tapsteer (tx_dropped +0). ");
        }
        long gap = kernelDelivered - read;
        if (gap == 0) {
            e.append("Every frame the kernel delivered (").append(kernelDelivered)
                    .append(", tx_packets) is counted by tapsteer. ");
        } else if (gap > 0) {
            e.append("The kernel delivered ").append(kernelDelivered).append(" frames (tx_packets), tapsteer counted ")
                    .append(read).append(": ").append(gap)
                    .append(" were read but not yet counted (a batch in progress) or read by another reader. ");
        } else {
            e.append("tapsteer counted ").append(read).append(" frames, ").append(-gap)
                    .append(" more than the kernel's ").append(kernelDelivered)
                    .append(" (tx_packets): the two were read a moment apart while traffic flowed. ");
        }
        e.append(tapsteer(read, delivered, dropped, reasons)).append(' ');
        e.append("Frames still waiting in the queue rings are counted by neither until read. ");
        e.append("Written into the tap: tapsteer ").append(written).append(", the kernel received ").append(received)
                .append(" (rx_packets)");
        if (received != written) {
            e.append(": ").append(Math.abs(received - written)).append(received > written
                    ? " written by another writer of the queues" : " written but not yet counted by the kernel");
        }
        e.append('.');
        return new KernelView(true, "", kernel, kernelDelivered, kernelDropped, read, delivered, dropped, received,
                written, e.toString());
    }

    private static String tapsteer(long read, long delivered, long dropped, CharSequence reasons) {
        StringBuilder e = new StringBuilder("tapsteer read ").append(read).append(": delivered ").append(delivered)
                .append(" to the frame handlers, dropped ").append(dropped).append(" after reading");
        if (dropped > 0) {
            e.append(" (").append(reasons).append(')');
        }
        long inFlight = read - delivered - dropped;
        if (inFlight > 0) {
            e.append(", ").append(inFlight).append(" on their way through the lanes");
        }
        return e.append('.').toString();
    }
}
