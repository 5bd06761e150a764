package io.tapsteer.remote;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A lab host's kernel steering as snapshots, exported beside its {@code KernelSteering} (whose
 * status records are not values that cross): what {@code ebpf:status --host NAME} shows, and where
 * each queue of its steered devices sits in the kernel.
 */
@ProviderType
public interface HostSteering {
    /** @return the host's kernel steering now */
    SteeringSnapshot snapshot();

    /**
     * Where the queues of the devices its queue managers steer sit in the kernel. A queue's id (what
     * its counters are filed under) and its kernel index part after a detach: the last queue takes
     * the freed index.
     *
     * @return device name to the id of the queue at each kernel index, 0 to numqueues-1, followed
     *         by the ids of its detached queues
     */
    Map<String, List<Integer>> kernelQueueIds();
}
