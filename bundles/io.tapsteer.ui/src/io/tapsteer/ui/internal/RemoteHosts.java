package io.tapsteer.ui.internal;

import io.tapsteer.ui.internal.TopologyModel.HostNode;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The lab hosts level of the topology, when the remote bundle is there: each configured host with
 * its state line and, while it is connected, its taps and queues as its own runtime reports them.
 * The views work the same without it (the UI imports io.tapsteer.remote optionally): then there
 * are no lab hosts. Reading never blocks: what crosses the network is refreshed in the background
 * and the last answer is shown.
 */
final class RemoteHosts {

    private static RemoteHostLevel level;
    private static boolean looked;

    private RemoteHosts() {
    }

    /** @return a node per configured lab host, in name order; none without the remote bundle */
    static List<HostNode> hosts() {
        RemoteHostLevel l = level();
        return l == null ? List.of() : l.hosts();
    }

    /**
     * @return a row per queue manager of the connected lab hosts, {@code lab0 @ b}, with its strategy
     *         and queues as the host last answered; none without the remote bundle
     */
    static List<SteeringModel.ManagerRow> managerRows() {
        RemoteHostLevel l = level();
        return l == null ? List.of() : l.managerRows();
    }

    /** @return the connected lab hosts' device snapshots as they last answered, labelled {@code lab0 @ b} */
    static List<FlowsView.Snapshot> snapshots() {
        RemoteHostLevel l = level();
        return l == null ? List.of() : l.snapshots();
    }

    /**
     * Runs one of tapsteer's commands on a connected lab host's console and waits for it (off the UI
     * thread; at most 30 s).
     *
     * @return what it printed
     * @throws IllegalStateException with the host's words when it failed, or without the remote bundle
     */
    static String run(String host, List<String> words) {
        return run(host, words, 30);
    }

    /** As {@link #run(String, List)}, for a command that may take up to {@code seconds}. */
    static String run(String host, List<String> words, int seconds) {
        return need().run(host, words, seconds * 1_000_000_000L);
    }

    /**
     * Captures a lab host's device on the host ({@code stats:capture} on its console, into a file
     * of the host's {@code /run/tapsteer}) and moves the file here (off the UI thread).
     *
     * @return what the host's capture said
     */
    static String capture(String host, String device, int seconds, long frames, int snaplen, java.nio.file.Path to) throws java.io.IOException {
        return need().capture(host, device, seconds, frames, snaplen, to);
    }

    private static RemoteHostLevel need() {
        RemoteHostLevel l = level();
        if (l == null) {
            throw new IllegalStateException(Messages.Traffic_noRemote);
        }
        return l;
    }

    /** The separator of a lab host's device in a device list: {@code lab0 @ b}. */
    static final String AT = " @ ";

    /** @return how a view lists a lab host's device: {@code lab0 @ b} */
    static String remoteName(String device, String host) {
        return device + AT + host;
    }

    /**
     * The Queue traffic view's model over this runtime's devices and those of the connected lab
     * hosts (off the UI thread; a lab host's device is read from its own stats service).
     *
     * @param local this runtime's stats service, or null
     * @param wanted the device the user chose ({@code lab0} or {@code lab0 @ b}), or null for the first
     * @return the model
     */
    static TrafficModel traffic(io.tapsteer.api.stats.StatsService local, String wanted) {
        RemoteHostLevel l = level();
        List<String> remote = l == null ? List.of() : l.trafficDevices();
        if (remote.isEmpty()) {
            return TrafficModel.capture(local, wanted);
        }
        List<String> all = new java.util.ArrayList<>(local == null ? List.of() : local.devices());
        all.addAll(remote);
        if (wanted != null && remote.contains(wanted) || all.size() == remote.size()) {
            String chosen = wanted != null && remote.contains(wanted) ? wanted : remote.get(0);
            int at = chosen.lastIndexOf(AT);
            return l.traffic(all, chosen.substring(0, at), chosen.substring(at + AT.length()));
        }
        TrafficModel m = TrafficModel.capture(local, wanted);
        return new TrafficModel(List.copyOf(all), m.stats(), m.history(), m.problem());
    }

    private static synchronized RemoteHostLevel level() {
        if (!looked) {
            looked = true;
            Bundle bundle = FrameworkUtil.getBundle(RemoteHosts.class);
            if (bundle == null || bundle.getBundleContext() == null) {
                return null;
            }
            try {
                Class.forName("io.tapsteer.remote.LabHosts", false, RemoteHosts.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null; // the remote bundle is not installed: no lab hosts
            }
            level = new RemoteHostLevel(bundle.getBundleContext());
        }
        return level;
    }
}
