package io.tapsteer.tap.internal;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.LibC;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One pass over the host: every namespace ({@link NetNamespaces}), the tun/tap links in each
 * ({@link TunLinks}, read from inside it) and the queue fds of every process ({@link TunHolders}).
 * A namespace that vanishes during the pass is skipped.
 */
public final class HostScan {
    private HostScan() {
    }

    /**
     * @param ownKeys {@link HostTap#key()}s of the taps this runtime opened (marked driven even when
     *        every queue of theirs is detached, which fdinfo does not show)
     * @return every tun/tap device, ordered by namespace (host first) then name
     */
    public static List<HostTap> run(Set<String> ownKeys) {
        List<TunHolders.QueueFd> fds = TunHolders.all();
        int self = LibC.getpid();
        List<HostTap> taps = new ArrayList<>();
        List<NetNamespaces.Ref> namespaces = NetNamespaces.discover();
        for (NetNamespaces.Ref ns : namespaces) {
            List<TunLinks.Link> links;
            try {
                links = new PathNetNamespace(ns.inode(), ns.label(), ns.path()).call(TunLinks::dump);
            } catch (TapException e) {
                continue; // gone meanwhile
            }
            for (TunLinks.Link l : links.stream().sorted(Comparator.comparing(TunLinks.Link::name)).toList()) {
                taps.add(tap(ns, l, fds, self, ownKeys));
            }
        }
        return taps;
    }

    private static HostTap tap(NetNamespaces.Ref ns, TunLinks.Link l, List<TunHolders.QueueFd> fds, int self,
            Set<String> ownKeys) {
        List<TapHolder> holders = new ArrayList<>();
        boolean driven = ownKeys.contains(ns.inode() + "/" + l.name());
        for (TunHolders.QueueFd q : fds) {
            if (q.device().equals(l.name()) && q.netnsInode() == ns.inode()) {
                holders.add(q.holder());
                driven |= q.holder().pid() == self;
            }
        }
        holders.sort(Comparator.comparingInt(TapHolder::pid).thenComparingInt(TapHolder::fd));
        return new HostTap(ns.label(), ns.inode(), l.name(), l.ifindex(), l.tap() ? "tap" : "tun", l.multiQueue(),
                l.vnetHeader(), l.persist(), l.numQueues(), l.numDisabled(), l.owner(), l.group(), l.txQueueLength(),
                l.master(), l.up(), List.copyOf(holders), driven);
    }
}
