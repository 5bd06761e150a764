package io.tapsteer.api.stats;

/**
 * One of the heaviest flows of a device, as counted by a bounded space-saving summary. Counts are
 * upper bounds: the true count lies between {@code packets - error} and {@code packets}.
 *
 * @param key the flow identity: the frame's RSS hash when one was reported, else a hash of its
 *        addresses and ports
 * @param flow the flow in words, e.g. {@code udp 198.51.100.1:10000 > 203.0.113.1:80}
 * @param packets packets counted for the flow (an upper bound)
 * @param bytes bytes counted for the flow since it entered the summary
 * @param error the most by which {@code packets} may over-count
 * @param queue the queue its frames last arrived on (-1 when made in user space)
 * @param lane the lane its frames were last delivered on
 * @param share packets / all packets the summary saw (0..1)
 */
public record FlowStats(long key, String flow, long packets, long bytes, long error, int queue, int lane,
        double share) implements java.io.Serializable {
}
