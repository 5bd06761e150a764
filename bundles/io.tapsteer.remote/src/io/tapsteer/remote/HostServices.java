package io.tapsteer.remote;

import io.tapsteer.api.config.ConfigRefusals;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelSteering;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * A connected lab host's services, imported through its SSH tunnel (OSGi Remote Services). Every
 * call crosses the network: it answers within a timeout or throws, and what it returns is a
 * snapshot (a value), never a live object. A queue manager's {@code device()} and the kernel
 * steering's device methods take or give a live tap handle and are not callable remotely: name a
 * host's device by the keys of {@link #queueManagers()}.
 *
 * @param host the host's name
 * @param stats its stats service
 * @param inventory its tap inventory
 * @param kernelSteering its kernel steering (availability only)
 * @param queueManagers its queue managers, by device name
 * @param configRefusals the refusals of its bundles that read its {@code conf/} (one per bundle)
 * @param steering its kernel steering as snapshots, or null when its runtime steers in no kernel
 * @param shell its own console, for the commands that have no remote form, or null when its
 *        runtime has no shell
 */
public record HostServices(String host, StatsService stats, TapInventory inventory, KernelSteering kernelSteering,
        SortedMap<String, QueueManager> queueManagers, List<ConfigRefusals> configRefusals, HostSteering steering,
        HostShell shell) {

    /**
     * Asks the host which of its configurations it refuses now, each in its own words (one remote
     * call per bundle that reads {@code conf/}).
     *
     * @return the sentences, as the host's own {@code steer:show} lists them
     */
    public List<String> refusals() {
        List<String> out = new ArrayList<>();
        configRefusals.forEach(c -> out.addAll(c.refusals()));
        return out;
    }
}
