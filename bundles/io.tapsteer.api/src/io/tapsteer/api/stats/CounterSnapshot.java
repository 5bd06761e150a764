package io.tapsteer.api.stats;

/**
 * A consistent copy of one queue's or lane's {@link Counters}: the values belong to one moment.
 *
 * @param name "queue" or "lane"
 * @param index the queue or lane index
 * @param rxPackets frames received (read from the kernel, or delivered on the lane)
 * @param rxBytes their bytes
 * @param txPackets frames transmitted into the kernel
 * @param txBytes their bytes
 * @param drops frames dropped, indexed by {@link DropReason#ordinal()}
 * @param fallbacks steering fallbacks to the default lane
 * @param batches batches handed on
 * @param batchSizes batch-size histogram, see {@link Counters#BUCKETS}
 */
public record CounterSnapshot(String name, int index, long rxPackets, long rxBytes, long txPackets, long txBytes,
        long[] drops, long fallbacks, long batches, long[] batchSizes) implements java.io.Serializable {

    /** @return drops of one reason */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** @return drops of every reason */
    public long totalDrops() {
        long t = 0;
        for (long d : drops) {
            t += d;
        }
        return t;
    }
}
