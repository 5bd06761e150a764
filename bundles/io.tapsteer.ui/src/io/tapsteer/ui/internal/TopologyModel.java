package io.tapsteer.ui.internal;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the topology view draws, captured at one moment: the host, its network namespaces and every
 * tun/tap in them as the tap inventory finds them (tapsteer's own devices and those other processes
 * hold), each with its flags, holders, steering program and queues. tapsteer's own queues carry
 * their kernel index, attached state, lanes and the queue manager's counters; every multiqueue tap
 * also carries the kernel's per-queue counters (its mq qdisc, and the steering program's own when
 * tapsteer attached one). Hosts are a list so that a level of remote hosts fits above namespaces.
 *
 * @param hosts the hosts shown (this one first)
 * @param problem why the model is incomplete (no tap inventory, a scan that failed), "" when whole
 */
public record TopologyModel(List<HostNode> hosts, String problem) {

    /** The label of the host the views run on. */
    public static final String THIS_HOST = "this host";

    /** At most this many foreign handles are taken per capture (each costs a host scan). */
    private static final int NEW_HANDLES_PER_CAPTURE = 4;

    /** @param devices the devices of one host, all in one namespace: for tests and a model with no inventory */
    public TopologyModel(List<DeviceNode> devices) {
        this(List.of(new HostNode(THIS_HOST, namespaces(devices))), "");
    }

    /**
     * One host.
     *
     * @param name its label
     * @param state a lab host's state ({@code connected}, {@code unreachable since T: why},
     *        {@code refused: why}); "" for this host
     * @param namespaces its network namespaces that hold a tun/tap: those of tapsteer's own devices
     *        first, then the others, the host's first
     */
    public record HostNode(String name, String state, List<NamespaceNode> namespaces) {

        /** A host with no state line (this host). */
        public HostNode(String name, List<NamespaceNode> namespaces) {
            this(name, "", namespaces);
        }
    }

    /**
     * One network namespace.
     *
     * @param label {@code host}, its name under /run/netns, or {@code pid:N}
     * @param inode its inode, 0 when unknown
     * @param devices its tun/tap devices in name order
     */
    public record NamespaceNode(String label, long inode, List<DeviceNode> devices) {
    }

    /**
     * One device.
     *
     * @param name its kernel name
     * @param device tapsteer's own device, or the handle on a tap another process holds; null when
     *        there is none (a tun, a single-queue tap, a handle refused)
     * @param tap the inventory's entry, null when no inventory runs
     * @param own whether tapsteer drives it in this runtime
     * @param strategy the active strategy, or "" when no queue manager runs it
     * @param kernelSteering the attached kernel program ("automq" when none)
     * @param lanes lanes of its queue manager, 0 when none runs it
     * @param queues its queues in id order (own devices) or kernel index order
     */
    public record DeviceNode(String name, TapDevice device, HostTap tap, boolean own, String strategy, String kernelSteering,
            int lanes, List<QueueNode> queues) {

        /** A device of this runtime, with no inventory entry. */
        public DeviceNode(TapDevice device, String strategy, String kernelSteering, int lanes, List<QueueNode> queues) {
            this(device.name(), device, null, true, strategy, kernelSteering, lanes, queues);
        }

        /** @return queues that are attached */
        public long attachedCount() {
            return queues.stream().filter(QueueNode::attached).count();
        }

        /** @return whether another process holds it (steerable only through a holder's fd) */
        public boolean foreign() {
            return !own;
        }

        /** @return the tun flags and link state, as tap:scan prints them: {@code tap multi_queue,vnet_hdr,up} */
        public String flags() {
            if (tap == null) {
                return "tap";
            }
            List<String> f = new ArrayList<>();
            if (tap.multiQueue()) {
                f.add("multi_queue");
            }
            if (tap.vnetHeader()) {
                f.add("vnet_hdr");
            }
            if (tap.persist()) {
                f.add("persist");
            }
            f.add(tap.up() ? "up" : "down");
            return tap.type() + " " + String.join(",", f);
        }

        /** @return the holders grouped by process: {@code qemu-system-x86 pid 4242 fd 31,32}, or "" */
        public String holders() {
            if (tap == null || tap.holders().isEmpty()) {
                return "";
            }
            Map<Integer, List<TapHolder>> byPid = new LinkedHashMap<>();
            for (TapHolder h : tap.holders()) {
                byPid.computeIfAbsent(h.pid(), p -> new ArrayList<>()).add(h);
            }
            List<String> parts = new ArrayList<>();
            byPid.forEach((pid, hs) -> parts.add(hs.get(0).command() + " pid " + pid + " fd "
                    + String.join(",", hs.stream().map(h -> Integer.toString(h.fd())).toList())));
            return String.join("; ", parts);
        }

        /** @return the key that names this device on the host (namespace inode and name), or its name */
        public String key() {
            return tap != null ? tap.key() : name;
        }
    }

    /**
     * One queue.
     *
     * @param queue tapsteer's queue, null on a tap another process holds
     * @param id its stable id (own queues) or its kernel index
     * @param index its kernel index, -1 while detached
     * @param attached whether it receives frames
     * @param rxPackets frames received on it (from the queue manager's counters), -1 when unknown
     * @param kernelPackets frames the kernel put on it (its mq qdisc child), -1 when unknown
     * @param programPackets frames tapsteer's steering program sent to it, -1 when none steers it
     */
    public record QueueNode(TapQueue queue, int id, int index, boolean attached, long rxPackets, long kernelPackets,
            long programPackets) {

        /** A queue of this runtime, with only the queue manager's counters. */
        public QueueNode(TapQueue queue, int id, int index, boolean attached, long rxPackets) {
            this(queue, id, index, attached, rxPackets, -1, -1);
        }

        /** @return the count the view's load colour and rate follow: tapsteer's own, else the kernel's */
        public long packets() {
            return rxPackets >= 0 ? rxPackets : kernelPackets;
        }
    }

    private static List<NamespaceNode> namespaces(List<DeviceNode> devices) {
        Map<String, List<DeviceNode>> by = new LinkedHashMap<>();
        for (DeviceNode d : devices) {
            String label = d.tap() != null ? d.tap().netns()
                    : d.device() != null && d.device().namespace() != null ? d.device().namespace().label() : "host";
            by.computeIfAbsent(label, l -> new ArrayList<>()).add(d);
        }
        List<NamespaceNode> out = new ArrayList<>();
        by.forEach((label, list) -> out.add(new NamespaceNode(label, list.get(0).tap() == null ? 0 : list.get(0).tap().netnsInode(),
                List.copyOf(list))));
        return List.copyOf(out);
    }

    /** @return a model of every tun/tap the services know now (off the UI thread: it scans the host) */
    public static TopologyModel capture(Services services) {
        KernelSteering kernel = services.kernelSteering();
        TapInventory inventory = services.inventory();
        List<TapDevice> own = new ArrayList<>();
        for (TapDevice d : services.devices()) {
            if (!d.isClosed()) {
                own.add(d);
            }
        }
        if (inventory == null) {
            List<DeviceNode> nodes = new ArrayList<>();
            for (TapDevice d : own) {
                nodes.add(ownNode(services, kernel, d, null));
            }
            return new TopologyModel(withLabHosts(new HostNode(THIS_HOST, namespaces(nodes))), own.isEmpty() ? "" : Messages.Topology_noInventory);
        }
        List<HostTap> scan;
        String problem = "";
        try {
            scan = inventory.scan();
        } catch (RuntimeException e) {
            scan = List.of();
            problem = Messages.bind(Messages.Topology_scanFailed, Messages.cause(e));
        }
        Map<String, TapDevice> ownByKey = new HashMap<>();
        for (TapDevice d : own) {
            String k = inventory.keyOf(d);
            ownByKey.put(k.isEmpty() ? "?" + d.name() : k, d);
        }
        Map<String, TapDevice> handles = new HashMap<>();
        for (TapDevice h : inventory.foreignDevices()) {
            String k = inventory.keyOf(h);
            if (!k.isEmpty()) {
                handles.put(k, h);
            }
        }
        int newHandles = 0;
        Map<Long, List<DeviceNode>> byNamespace = new LinkedHashMap<>();
        Map<Long, String> labels = new HashMap<>();
        for (HostTap t : scan) {
            labels.putIfAbsent(t.netnsInode(), t.netns());
            TapDevice mine = ownByKey.remove(t.key());
            DeviceNode node;
            if (mine != null) {
                node = ownNode(services, kernel, mine, t);
            } else {
                TapDevice h = handles.get(t.key());
                if (h == null && steerable(t) && newHandles < NEW_HANDLES_PER_CAPTURE) {
                    newHandles++;
                    try {
                        h = inventory.foreign(t.name(), Long.toString(t.netnsInode()));
                    } catch (RuntimeException e) {
                        h = null; // gone meanwhile: the next scan no longer lists it
                    }
                }
                node = foreignNode(kernel, t, h);
            }
            byNamespace.computeIfAbsent(t.netnsInode(), n -> new ArrayList<>()).add(node);
        }
        List<NamespaceNode> namespaces = new ArrayList<>();
        byNamespace.forEach((inode, list) -> namespaces.add(new NamespaceNode(labels.get(inode), inode, List.copyOf(list))));
        // the namespaces of this runtime's own devices first, then the others in the scan's order (the host's first)
        namespaces.sort((a, b) -> Boolean.compare(b.devices().stream().anyMatch(DeviceNode::own), a.devices().stream().anyMatch(DeviceNode::own)));
        if (!ownByKey.isEmpty()) { // tapsteer's own devices the scan did not find (their namespace is not readable)
            List<DeviceNode> rest = new ArrayList<>();
            for (TapDevice d : ownByKey.values()) {
                rest.add(ownNode(services, kernel, d, null));
            }
            rest.sort((a, b) -> a.name().compareTo(b.name()));
            namespaces.addAll(namespaces(rest));
        }
        return new TopologyModel(withLabHosts(new HostNode(THIS_HOST, List.copyOf(namespaces))), problem);
    }

    /** @return this host, then each configured lab host (none without the remote bundle) */
    private static List<HostNode> withLabHosts(HostNode self) {
        List<HostNode> all = new ArrayList<>();
        all.add(self);
        all.addAll(RemoteHosts.hosts());
        return List.copyOf(all);
    }

    /** @return whether a steering program can serve the tap (a tap, not a tun, with multi_queue) */
    static boolean steerable(HostTap t) {
        return t.type().equals("tap") && t.multiQueue();
    }

    private static DeviceNode ownNode(Services services, KernelSteering kernel, TapDevice d, HostTap t) {
        QueueManager m = services.managerOf(d);
        List<CounterSnapshot> counters = m == null ? List.of() : m.queueCounters();
        long[] qdisc = kernelCounts(qdisc(d));
        long[] program = kernelCounts(kernel == null ? List.of() : programCounters(kernel, d));
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
            int index = q.index();
            queues.add(new QueueNode(q, q.id(), index, q.isAttached(), rx, at(qdisc, index), at(program, index)));
        }
        return new DeviceNode(d.name(), d, t, true, m == null ? "" : m.activeStrategy(), program(kernel, d), m == null ? 0 : m.lanes(),
                List.copyOf(queues));
    }

    private static DeviceNode foreignNode(KernelSteering kernel, HostTap t, TapDevice h) {
        long[] qdisc = h == null ? new long[0] : kernelCounts(qdisc(h));
        long[] program = h == null || kernel == null ? new long[0] : kernelCounts(programCounters(kernel, h));
        List<QueueNode> queues = new ArrayList<>();
        for (int i = 0; i < t.numQueues(); i++) {
            queues.add(new QueueNode(null, i, i, true, -1, at(qdisc, i), at(program, i)));
        }
        for (int i = 0; i < t.numDisabled(); i++) {
            queues.add(new QueueNode(null, t.numQueues() + i, -1, false, -1, -1, -1));
        }
        String steering = h == null ? (steerable(t) ? "automq" : Messages.Topology_notSteerable) : program(kernel, h);
        return new DeviceNode(t.name(), h, t, false, "", steering, 0, List.copyOf(queues));
    }

    private static String program(KernelSteering kernel, TapDevice d) {
        if (kernel == null) {
            return Messages.Topology_kernelUnknown;
        }
        try {
            return kernel.status(d).map(s -> s.program().toString() + " (" + s.owner() + ")").orElse("automq");
        } catch (RuntimeException e) {
            return "automq";
        }
    }

    private static List<KernelQueueCounters> qdisc(TapDevice d) {
        try {
            return d.qdiscCounters();
        } catch (RuntimeException e) {
            return List.of(); // not readable here, or the device went: no kernel figures this time
        }
    }

    private static List<KernelQueueCounters> programCounters(KernelSteering kernel, TapDevice d) {
        try {
            return kernel.programCounters(d);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static long[] kernelCounts(List<KernelQueueCounters> list) {
        int n = 0;
        for (KernelQueueCounters c : list) {
            n = Math.max(n, c.queue() + 1);
        }
        long[] out = new long[n];
        java.util.Arrays.fill(out, -1);
        for (KernelQueueCounters c : list) {
            if (c.queue() >= 0) {
                out[c.queue()] = c.packets();
            }
        }
        return out;
    }

    private static long at(long[] counts, int index) {
        return index >= 0 && index < counts.length ? counts[index] : -1;
    }

    /** @return every device of every namespace of every host */
    public List<DeviceNode> devices() {
        List<DeviceNode> all = new ArrayList<>();
        for (HostNode h : hosts) {
            for (NamespaceNode n : h.namespaces()) {
                all.addAll(n.devices());
            }
        }
        return all;
    }

    /** @return queues over all devices */
    public int queueCount() {
        return devices().stream().mapToInt(d -> d.queues().size()).sum();
    }
}
