package io.tapsteer.api.tap;

/**
 * The kernel's counters of one network device, as in {@code /proc/net/dev} of its namespace.
 * Directions are the kernel's: for a tap, {@code tx} is what the kernel put on the queues for user
 * space, {@code rx} is what user space wrote into the queues.
 *
 * @param rxPackets frames written into the tap by user space
 * @param rxBytes bytes of those frames
 * @param rxErrors receive errors
 * @param rxDropped frames dropped on receive
 * @param txPackets frames the kernel queued for user space
 * @param txBytes bytes of those frames
 * @param txErrors transmit errors
 * @param txDropped frames dropped on transmit, for example because a queue ring was full
 */
public record KernelCounters(long rxPackets, long rxBytes, long rxErrors, long rxDropped,
        long txPackets, long txBytes, long txErrors, long txDropped) implements java.io.Serializable {
}
