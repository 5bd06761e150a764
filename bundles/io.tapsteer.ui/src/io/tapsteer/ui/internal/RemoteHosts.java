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
