package io.tapsteer.tap.internal;

import io.tapsteer.api.inventory.HostTap;
import java.nio.file.Path;
import java.util.List;

/** Finding the one foreign tap a user named, and the refusals in words when there is none. */
final class ForeignLookup {
    private ForeignLookup() {
    }

    /**
     * @param netns host, a /run/netns name, pid:N, or an inode (digits or net:[N])
     * @return the namespace's inode
     */
    static long inodeOf(String netns) {
        long ino;
        if (netns.equals("host")) {
            ino = NetNamespaces.inodeOf(Path.of("/proc/1/ns/net"));
        } else if (netns.startsWith("pid:")) {
            String pid = netns.substring(4);
            if (!pid.matches("\\d+")) {
                throw new IllegalArgumentException("--netns '" + netns + "': pid:N needs a process id, for example pid:4242");
            }
            ino = NetNamespaces.inodeOf(Path.of("/proc/" + pid + "/ns/net"));
            if (ino == 0) {
                throw new IllegalArgumentException("--netns '" + netns + "': no process " + pid + " (or its namespace is not readable)");
            }
        } else if (netns.matches("\\d+") || netns.matches("net:\\[\\d+]")) {
            ino = NetNamespaces.parse(netns.startsWith("net:") ? netns : "net:[" + netns + "]");
        } else if (!netns.contains("/") && NetNamespaces.statInode(Path.of("/run/netns/" + netns)) > 0) {
            ino = NetNamespaces.statInode(Path.of("/run/netns/" + netns));
        } else {
            throw new IllegalArgumentException("--netns '" + netns + "' is not a namespace: use host, a name 'ip netns list'"
                    + " shows, pid:N (the namespace of process N) or the inode tap:scan prints");
        }
        return ino;
    }

    static HostTap one(String name, String netns, List<HostTap> matches) {
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no tun/tap named '" + name + "'" + (netns.isEmpty() ? " on this host"
                    : " in netns " + netns) + ": tap:scan lists every tun/tap in every namespace");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + name + "' exists in " + matches.size() + " namespaces ("
                    + String.join(", ", matches.stream().map(HostTap::netns).toList()) + "): say which with --netns");
        }
        return matches.get(0);
    }

    /** Refuses devices a steering program cannot serve: tun (no Ethernet header) and single-queue taps. */
    static void refuseUnsteerable(HostTap t) {
        if (t.type().equals("tun")) {
            throw new IllegalArgumentException(t.name() + " is a tun device (IP packets, no Ethernet header): "
                    + "tapsteer steers taps (IFF_TAP) only");
        }
        if (!t.multiQueue()) {
            throw new IllegalArgumentException(t.name() + " was created without multi_queue: it has one queue, "
                    + "so there is nothing to steer");
        }
    }

    static NetNamespaces.Ref ref(long inode) {
        for (NetNamespaces.Ref r : NetNamespaces.discover()) {
            if (r.inode() == inode) {
                return r;
            }
        }
        throw new IllegalArgumentException("namespace net:[" + inode + "] is gone: every process in it has exited");
    }
}
