package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * What the topology view draws, captured at one moment: devices, their queues with kernel index and
 * attached state, lanes, active strategy, kernel steering program and per-queue received frames.
 *
 * @param devices one entry per open device
 */
public record TopologyModel(List<DeviceNode> devices) {

    /**
     * One device.
     *
     * @param device the device
     * @param strategy the active strategy, or "" when no queue manager runs it
     * @param kernelSteering the attached kernel program ("automq" when none)
     * @param lanes lanes of its queue manager, 0 when none runs it
     * @param queues its queues in id order
     */
    public record DeviceNode(TapDevice device, String strategy, String kernelSteering, int lanes, List<QueueNode> queues) {
        /** @return queues that are attached */
        public long attachedCount() {
            return queues.stream().filter(QueueNode::attached).count();
        }
    }

    /**
     * One queue.
     *
     * @param queue the queue
     * @param id its stable id
     * @param index its kernel index, -1 while detached
     * @param attached whether it receives frames
     * @param rxPackets frames received on it (from the queue manager's counters), -1 when unknown
     */
    public record QueueNode(TapQueue queue, int id, int index, boolean attached, long rxPackets) {
    }

    /** @return a model of every device the services know now */
    public static TopologyModel capture(Services services) {
        List<DeviceNode> nodes = new ArrayList<>();
        KernelSteering kernel = services.kernelSteering();
        for (TapDevice d : services.devices()) {
            if (d.isClosed()) {
                continue;
            }
            QueueManager m = services.managerOf(d);
            List<CounterSnapshot> counters = m == null ? List.of() : m.queueCounters();
            List<QueueNode> queues = new ArrayList<>();
            for (TapQueue q : d.queues()) {
                if (q.isClosed()) {
                    continue;
                }
                long rx = -1;
                for (CounterSnapshot c : counters) {
                    if (c.index() == q.id()) {
                        rx = c.rxPackets();
                    }
                }
                queues.add(new QueueNode(q, q.id(), q.index(), q.isAttached(), rx));
            }
            String program = kernel == null ? Messages.Topology_kernelUnknown
                    : kernel.status(d).map(s -> s.program().toString() + " (" + s.owner() + ")").orElse("automq");
            nodes.add(new DeviceNode(d, m == null ? "" : m.activeStrategy(), program, m == null ? 0 : m.lanes(), queues));
        }
        return new TopologyModel(List.copyOf(nodes));
    }

    /** @return queues over all devices */
    public int queueCount() {
        return devices.stream().mapToInt(d -> d.queues().size()).sum();
    }
}
