package io.tapsteer.api.stats;

import io.tapsteer.api.tap.KernelCounters;

/**
 * The kernel's counters of a tap beside tapsteer's own, since tapsteer started tracking the device.
 * The kernel counts a frame it puts on a queue ring only when user space reads it (tx_packets), and
 * a frame it could not put on a full ring as tx_dropped: those never reached tapsteer.
 *
 * @param available whether the kernel counters could be read
 * @param unavailableReason why not, empty when available
 * @param counters the kernel's absolute counters (null when unavailable)
 * @param kernelDelivered frames the kernel counted as read from the queues (tx_packets delta)
 * @param kernelDropped frames the kernel dropped before any queue reader saw them (tx_dropped delta)
 * @param tapsteerRead frames tapsteer counted as read (sum of the queues' rx packets delta)
 * @param tapsteerDelivered frames handed to the frame handlers (sum of the lanes' rx packets delta)
 * @param tapsteerDropped frames tapsteer dropped after reading them (all reasons, delta)
 * @param kernelReceived frames written into the tap (the kernel's rx_packets delta)
 * @param tapsteerTransmitted frames tapsteer counted as written (sum of the queues' tx packets delta)
 * @param explanation the difference in words
 */
public record KernelView(boolean available, String unavailableReason, KernelCounters counters,
        long kernelDelivered, long kernelDropped, long tapsteerRead, long tapsteerDelivered, long tapsteerDropped,
        long kernelReceived, long tapsteerTransmitted, String explanation) implements java.io.Serializable {

    /** @return frames the kernel delivered that tapsteer has not counted (read elsewhere or still in a batch) */
    public long unaccounted() {
        return kernelDelivered - tapsteerRead;
    }

    /** @return frames tapsteer read that are neither delivered nor dropped yet (waiting in lane rings) */
    public long inFlight() {
        return tapsteerRead - tapsteerDelivered - tapsteerDropped;
    }
}
