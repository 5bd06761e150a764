package io.tapsteer.api.stats;

import java.util.List;

/**
 * Everything known about one device at one moment: per queue and per lane counters with rates and
 * shares, the balance across queues, the kernel's view, and the heaviest flows. Immutable.
 *
 * @param device the device name as {@link StatsService#devices()} lists it
 * @param sequence the sample number (0 for a snapshot taken on demand outside the history)
 * @param timeNanos {@link System#nanoTime()} when the counters were read
 * @param wallMillis wall-clock time of the same moment, ms since the epoch
 * @param strategy the active steering strategy
 * @param queues per queue, by queue id
 * @param lanes per lane
 * @param rxRate the device's receive rate (sum of the queues)
 * @param txRate the device's transmit rate
 * @param balance the spread of received packets over the queues (where the kernel put them)
 * @param laneBalance the spread of delivered packets over the lanes (where user-space steering put
 *        them; differs from {@code balance} when a strategy steers in user space)
 * @param kernel the kernel's counters beside tapsteer's
 * @param topFlows the heaviest flows, heaviest first
 * @param flowPackets packets the flow summary has seen, faded like the flow counts (the denominator of a flow's share)
 */
public record DeviceStats(String device, long sequence, long timeNanos, long wallMillis, String strategy,
        List<QueueStats> queues, List<QueueStats> lanes, Rate rxRate, Rate txRate, Balance balance,
        Balance laneBalance, KernelView kernel, List<FlowStats> topFlows, long flowPackets) implements java.io.Serializable {

    /** @return received packets, summed over the queues */
    public long rxPackets() {
        long t = 0;
        for (QueueStats q : queues) {
            t += q.counters().rxPackets();
        }
        return t;
    }

    /** @return received bytes, summed over the queues */
    public long rxBytes() {
        long t = 0;
        for (QueueStats q : queues) {
            t += q.counters().rxBytes();
        }
        return t;
    }

    /** @return transmitted packets, summed over the queues */
    public long txPackets() {
        long t = 0;
        for (QueueStats q : queues) {
            t += q.counters().txPackets();
        }
        return t;
    }

    /** @return transmitted bytes, summed over the queues */
    public long txBytes() {
        long t = 0;
        for (QueueStats q : queues) {
            t += q.counters().txBytes();
        }
        return t;
    }

    /** @return drops of every reason, summed over queues and lanes */
    public long drops() {
        long t = 0;
        for (QueueStats q : queues) {
            t += q.counters().totalDrops();
        }
        for (QueueStats l : lanes) {
            t += l.counters().totalDrops();
        }
        return t;
    }

    /** @return drops of one reason, summed over queues and lanes */
    public long drops(DropReason reason) {
        long t = 0;
        for (QueueStats q : queues) {
            t += q.counters().drops(reason);
        }
        for (QueueStats l : lanes) {
            t += l.counters().drops(reason);
        }
        return t;
    }
}
