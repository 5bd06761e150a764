package io.tapsteer.stats.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A tap another process holds, seen through the kernel's counters only (tapsteer reads none of its
 * frames), in the shape the stats tracker takes: the queues are the children of the tap's
 * {@code mq} qdisc (what the kernel put on each tx queue), the lanes the steering program's own
 * per-queue counters (the queue it chose for each frame), when a program of this runtime steers it.
 * Both are absolute kernel counters; rates, shares and balance come from their differences as for
 * tapsteer's own devices. Not a service: only the stats component uses it.
 */
final class KernelViewSource implements QueueManager {
    /** The strategy column of a kernel-view device starts with this. */
    static final String KERNEL_VIEW = "kernel view";
    private final TapDevice device;
    private final Supplier<KernelSteering> steering;

    /**
     * @param device a handle on a tap another process holds
     * @param steering the kernel steering service now, or null when there is none
     */
    KernelViewSource(TapDevice device, Supplier<KernelSteering> steering) {
        this.device = device;
        this.steering = steering;
    }

    @Override
    public TapDevice device() {
        return device;
    }

    @Override
    public String activeStrategy() {
        KernelSteering s = steering.get();
        String program = s == null ? "" : s.status(device).map(st -> st.program().toString()).orElse("");
        return KERNEL_VIEW + " (" + (program.isEmpty() ? "no steering program of tapsteer: automq or the holder's own"
                : program) + ")";
    }

    @Override
    public void useStrategy(String name) {
        throw new IllegalStateException(device.name() + " is held by another process: tapsteer reads none of its frames, "
                + "so no user-space strategy applies; steer it with ebpf:attach --device " + device.name());
    }

    @Override
    public List<String> strategies() {
        return List.of();
    }

    @Override
    public int lanes() {
        return 0;
    }

    @Override
    public List<CounterSnapshot> queueCounters() {
        return snapshots("queue", device.qdiscCounters());
    }

    @Override
    public List<CounterSnapshot> laneCounters() {
        KernelSteering s = steering.get();
        return s == null ? List.of() : snapshots("lane", s.programCounters(device));
    }

    @Override
    public boolean transmit(ByteBuffer buffer, int offset, int length) {
        return false;
    }

    @Override
    public boolean kernelProgramSteers() {
        return true;
    }

    private static List<CounterSnapshot> snapshots(String name, List<KernelQueueCounters> counters) {
        List<CounterSnapshot> out = new ArrayList<>(counters.size());
        for (KernelQueueCounters c : counters) {
            out.add(new CounterSnapshot(name, c.queue(), c.packets(), c.bytes(), 0, 0, new long[DropReason.values().length],
                    0, 0, new long[Counters.BUCKETS]));
        }
        return out;
    }

    /** @return the view with its explanation in kernel terms: tapsteer reads nothing here */
    static KernelView explain(KernelView v, String device) {
        StringBuilder e = new StringBuilder("Kernel view: tapsteer reads none of ").append(device)
                .append("'s frames (another process holds its queues). Queues: the mq qdisc's children, the frames ")
                .append("the kernel put on each queue; lanes: the steering program's own counters, the queue it chose. ");
        if (!v.available()) {
            return new KernelView(false, v.unavailableReason(), null, 0, 0, v.tapsteerRead(), v.tapsteerDelivered(), 0, 0, 0,
                    e.append("The device's counters are unavailable (").append(v.unavailableReason()).append(").").toString());
        }
        e.append("Since tracking began the holder read ").append(v.kernelDelivered()).append(" frames (tx_packets)");
        e.append(v.kernelDropped() > 0 ? ", the kernel dropped " + v.kernelDropped()
                + " (tx_dropped: a queue ring was full, its holder did not read fast enough)" : ", the kernel dropped none (tx_dropped +0)");
        e.append(", the holder wrote ").append(v.kernelReceived()).append(" (rx_packets).");
        return new KernelView(true, "", v.counters(), v.kernelDelivered(), v.kernelDropped(), v.tapsteerRead(),
                v.tapsteerDelivered(), 0, v.kernelReceived(), 0, e.toString());
    }
}
