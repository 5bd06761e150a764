package io.tapsteer.ui.internal;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.HostJobs;
import io.tapsteer.remote.HostShell;
import io.tapsteer.remote.HostState;
import io.tapsteer.remote.LabHosts;
import io.tapsteer.ui.internal.TopologyModel.DeviceNode;
import io.tapsteer.ui.internal.TopologyModel.HostNode;
import io.tapsteer.ui.internal.TopologyModel.NamespaceNode;
import io.tapsteer.ui.internal.TopologyModel.QueueNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The lab hosts of {@link LabHosts}, as topology nodes. A host's state comes from the tunnel (no
 * network call); a connected host's namespaces, taps and queue counters are read from its tap
 * inventory, stats service and queue managers on a background thread per host (each call answers
 * or times out within seconds), and the last answer is kept for the next capture. Only this class
 * touches io.tapsteer.remote, so the UI resolves without it.
 */
final class RemoteHostLevel {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ServiceTracker<LabHosts, LabHosts> tracker;
    /** the namespaces each connected host had at its last answer */
    private final Map<String, List<NamespaceNode>> last = new ConcurrentHashMap<>();
    /** the devices each connected host's stats service tracked at its last answer */
    private final Map<String, List<String>> statsDevices = new ConcurrentHashMap<>();
    /** the queue managers each connected host had at its last answer, as steering rows */
    private final Map<String, List<SteeringModel.ManagerRow>> managers = new ConcurrentHashMap<>();
    /** the device snapshots each connected host's stats service gave at its last answer */
    private final Map<String, List<DeviceStats>> snapshots = new ConcurrentHashMap<>();
    /** the hosts whose read is under way */
    private final Set<String> reading = ConcurrentHashMap.newKeySet();

    RemoteHostLevel(BundleContext context) {
        tracker = new ServiceTracker<>(context, LabHosts.class, null);
        tracker.open();
    }

    /** @return a node per configured host, in name order; none while no LabHosts service runs */
    List<HostNode> hosts() {
        LabHosts labHosts = tracker.getService();
        if (labHosts == null) {
            return List.of();
        }
        List<HostNode> out = new ArrayList<>();
        for (Map.Entry<String, LabHosts.Entry> e : labHosts.hosts().entrySet()) {
            String name = e.getKey();
            HostState state = e.getValue().state();
            if (state.kind() == HostState.Kind.CONNECTED) {
                refresh(labHosts, name);
                out.add(new HostNode(name, stateLine(state), last.getOrDefault(name, List.of())));
            } else {
                last.remove(name);
                statsDevices.remove(name);
                managers.remove(name);
                snapshots.remove(name);
                out.add(new HostNode(name, stateLine(state), List.of()));
            }
        }
        last.keySet().retainAll(labHosts.hosts().keySet());
        statsDevices.keySet().retainAll(labHosts.hosts().keySet());
        managers.keySet().retainAll(labHosts.hosts().keySet());
        snapshots.keySet().retainAll(labHosts.hosts().keySet());
        return List.copyOf(out);
    }

    /** @return the device snapshots of the connected hosts at their last answer, labelled {@code lab0 @ b}, by host */
    List<FlowsView.Snapshot> snapshots() {
        hosts(); // refreshes what the hosts answer, in the background
        List<FlowsView.Snapshot> out = new ArrayList<>();
        new java.util.TreeMap<>(snapshots).forEach((host, list) -> list.forEach(s ->
                out.add(new FlowsView.Snapshot(RemoteHosts.remoteName(s.device(), host), s))));
        return out;
    }

    /** @return the steering rows of the connected hosts' queue managers at their last answer, by host */
    List<SteeringModel.ManagerRow> managerRows() {
        hosts(); // refreshes what the hosts answer, in the background
        List<SteeringModel.ManagerRow> out = new ArrayList<>();
        new java.util.TreeMap<>(managers).values().forEach(out::addAll);
        return out;
    }

    /** @return {@code device @ host} for each device a connected host's stats tracked at its last answer */
    List<String> trafficDevices() {
        hosts(); // refreshes what the hosts answer, in the background
        List<String> out = new ArrayList<>();
        new java.util.TreeMap<>(statsDevices).forEach((host, devices) -> devices.forEach(d -> out.add(RemoteHosts.remoteName(d, host))));
        return out;
    }

    /**
     * One remote device's snapshot and history, read from its host's stats service (off the UI
     * thread: two calls, each answered or timed out within seconds).
     *
     * @param all every device the view offers
     * @param device the device's name on its host
     * @param host the host's name
     * @return the model, or one saying why the host's numbers are not there
     */
    TrafficModel traffic(List<String> all, String device, String host) {
        LabHosts labHosts = tracker.getService();
        if (labHosts == null) {
            return new TrafficModel(all, null, List.of(), Messages.bind(Messages.Traffic_remoteFailed, RemoteHosts.remoteName(device, host),
                    Messages.Traffic_noRemote));
        }
        try {
            HostServices services = labHosts.services(host);
            return TrafficModel.of(all, services.stats().snapshot(device), services.stats().history(device));
        } catch (RuntimeException e) {
            return new TrafficModel(all, null, List.of(), Messages.bind(Messages.Traffic_remoteFailed, RemoteHosts.remoteName(device, host),
                    Messages.cause(e)));
        }
    }

    /** @see RemoteHosts#capture */
    String capture(String host, String device, int seconds, long frames, int snaplen, java.nio.file.Path to) throws java.io.IOException {
        String file = LabHosts.CAPTURE_DIR + "/capture-" + java.util.UUID.randomUUID() + ".pcapng";
        String said = run(host, List.of("stats:capture", "--device", device, "--seconds", Integer.toString(seconds), "--frames",
                Long.toString(frames), "--snaplen", Integer.toString(snaplen), file), (seconds + 30) * 1_000_000_000L);
        LabHosts labHosts = tracker.getService();
        if (labHosts == null) {
            throw new IllegalStateException(Messages.Traffic_noRemote);
        }
        labHosts.fetchCapture(host, file, to);
        return said.strip();
    }

    /** @see RemoteHosts#run */
    String run(String host, List<String> words, long limitNanos) {
        LabHosts labHosts = tracker.getService();
        if (labHosts == null) {
            throw new IllegalStateException(Messages.Traffic_noRemote);
        }
        HostShell shell = labHosts.services(host).shell();
        if (shell == null) {
            throw new IllegalStateException(Messages.bind(Messages.Topology_noHostShell, host));
        }
        StringBuilder out = new StringBuilder();
        try {
            HostJobs.run(shell, words, limitNanos, out::append);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(Messages.bind(Messages.Topology_hostTooSlow, new Object[] { host, String.join(" ", words),
                    limitNanos / 1_000_000_000L }), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", words) + " on host " + host + " was stopped", e);
        }
        return out.toString();
    }

    /** @return {@code connected}, {@code unreachable since HH:MM:SS: why}, {@code refused: why}, {@code connecting} */
    static String stateLine(HostState state) {
        return switch (state.kind()) {
            case CONNECTING -> Messages.Topology_hostConnecting;
            case CONNECTED -> Messages.Topology_hostConnected;
            case UNREACHABLE -> state.reason().isEmpty() ? Messages.bind(Messages.Topology_hostUnreachable, CLOCK.format(state.since()))
                    : Messages.bind(Messages.Topology_hostUnreachableWhy, CLOCK.format(state.since()), state.reason());
            case REFUSED -> Messages.bind(Messages.Topology_hostRefused, state.reason());
        };
    }

    /** Reads a connected host in the background, unless a read of it is under way. */
    private void refresh(LabHosts labHosts, String name) {
        if (!reading.add(name)) {
            return;
        }
        Background.TASKS.execute(() -> {
            try {
                HostServices services = labHosts.services(name);
                Map<String, DeviceStats> stats = new LinkedHashMap<>();
                List<NamespaceNode> namespaces = read(services, stats);
                last.put(name, namespaces);
                snapshots.put(name, List.copyOf(stats.values()));
                managers.put(name, rows(name, services, namespaces));
                statsDevices.put(name, services.stats() == null ? List.of() : List.copyOf(services.stats().devices()));
            } catch (RuntimeException e) {
                // not connected any more, or a call timed out: the tunnel's state says so at the next capture
            } finally {
                reading.remove(name);
            }
        });
    }

    /** @return a steering row per queue manager of the host, from what it just answered */
    private static List<SteeringModel.ManagerRow> rows(String host, HostServices services, List<NamespaceNode> namespaces) {
        List<SteeringModel.ManagerRow> out = new ArrayList<>();
        for (NamespaceNode n : namespaces) {
            for (DeviceNode d : n.devices()) {
                QueueManager m = services.queueManagers().get(d.name());
                if (m != null) {
                    int attached = (int) d.queues().stream().filter(QueueNode::attached).count();
                    out.add(new SteeringModel.ManagerRow(m, RemoteHosts.remoteName(d.name(), host), d.strategy(), attached, null, host));
                }
            }
        }
        out.sort((a, b) -> a.device().compareTo(b.device()));
        return List.copyOf(out);
    }

    /**
     * @param stats filled with the snapshot of each device the host's stats service tracks
     * @return the host's namespaces with their taps, its runtime's devices carrying their queue counters
     */
    static List<NamespaceNode> read(HostServices services, Map<String, DeviceStats> stats) {
        Map<String, QueueManager> managers = services.queueManagers();
        if (services.stats() != null) {
            for (String device : services.stats().devices()) {
                stats.put(device, services.stats().snapshot(device));
            }
        }
        List<HostTap> scan = services.inventory() == null ? List.of() : services.inventory().scan();
        Map<String, List<Integer>> ids = services.steering() == null ? Map.of() : services.steering().kernelQueueIds();
        Map<Long, List<DeviceNode>> byNamespace = new LinkedHashMap<>();
        Map<Long, String> labels = new LinkedHashMap<>();
        for (HostTap t : scan) {
            labels.putIfAbsent(t.netnsInode(), t.netns());
            byNamespace.computeIfAbsent(t.netnsInode(), n -> new ArrayList<>()).add(node(t, stats.get(t.name()), managers.get(t.name()),
                    ids.getOrDefault(t.name(), List.of())));
        }
        List<NamespaceNode> out = new ArrayList<>();
        byNamespace.forEach((inode, devices) -> out.add(new NamespaceNode(labels.get(inode), inode, List.copyOf(devices))));
        return List.copyOf(out);
    }

    /**
     * @param ids the queue id at each kernel index and then those of the detached queues, as the
     *        host's runtime knows them (empty: not its own)
     */
    private static DeviceNode node(HostTap t, DeviceStats stats, QueueManager manager, List<Integer> ids) {
        List<QueueNode> queues = new ArrayList<>();
        boolean own = stats != null || manager != null;
        for (int i = 0; i < t.numQueues(); i++) {
            int id = i < ids.size() && ids.get(i) >= 0 ? ids.get(i) : i;
            queues.add(new QueueNode(null, id, i, true, rx(stats, id), -1, -1));
        }
        for (int i = 0; i < t.numDisabled(); i++) {
            int at = t.numQueues() + i;
            queues.add(new QueueNode(null, at < ids.size() ? ids.get(at) : at, -1, false, -1, -1, -1));
        }
        String strategy = stats != null ? stats.strategy() : "";
        int lanes = 0;
        if (manager != null) {
            try {
                strategy = manager.activeStrategy();
                lanes = manager.lanes();
            } catch (RuntimeException e) {
                // timed out: the stats snapshot's strategy stands
            }
        }
        String steering = TopologyModel.steerable(t) ? Messages.Topology_remoteSteering : Messages.Topology_notSteerable;
        return new DeviceNode(t.name(), null, t, own, strategy, steering, lanes, List.copyOf(queues));
    }

    /** @return the received packets of the queue with that id, as the host's stats counted them, or -1 */
    private static long rx(DeviceStats stats, int id) {
        if (stats == null) {
            return -1;
        }
        for (QueueStats q : stats.queues()) {
            CounterSnapshot c = q.counters();
            if (c.index() == id) {
                return c.rxPackets();
            }
        }
        return -1;
    }
}
