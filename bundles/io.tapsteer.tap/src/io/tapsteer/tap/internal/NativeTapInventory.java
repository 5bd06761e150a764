package io.tapsteer.tap.internal;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link TapInventory} over /proc, rtnetlink and pidfd_getfd; usable with or without OSGi. */
public final class NativeTapInventory implements TapInventory {
    private final TapService taps;
    private final Map<String, ForeignTapDevice> handles = new ConcurrentHashMap<>();

    /** @param taps the tap service whose devices are marked as driven by this runtime, or null */
    public NativeTapInventory(TapService taps) {
        this.taps = taps;
    }

    @Override
    public List<HostTap> scan() {
        Set<String> own = new HashSet<>();
        if (taps != null) {
            for (TapDevice d : taps.devices()) {
                String k = keyOf(d);
                if (!k.isEmpty()) {
                    own.add(k);
                }
            }
        }
        return HostScan.run(own);
    }

    @Override
    public synchronized TapDevice foreign(String name, String netns) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a device name is needed: tap:scan lists the taps of the host");
        }
        String where = netns == null ? "" : netns.trim();
        long inode = where.isEmpty() ? 0 : ForeignLookup.inodeOf(where);
        List<HostTap> matches = scan().stream()
                .filter(t -> t.name().equals(name) && (inode == 0 || t.netnsInode() == inode)).toList();
        HostTap t = ForeignLookup.one(name, where, matches);
        ForeignLookup.refuseUnsteerable(t);
        ForeignTapDevice h = handles.get(t.key());
        if (h != null && !h.isClosed()) {
            return h;
        }
        NetNamespaces.Ref ref = ForeignLookup.ref(t.netnsInode());
        ForeignTapDevice d = new ForeignTapDevice(t, new PathNetNamespace(t.netnsInode(), t.netns(), ref.path()),
                x -> handles.remove(t.key(), x));
        handles.put(t.key(), d);
        return d;
    }

    @Override
    public List<TapDevice> foreignDevices() {
        return List.copyOf(handles.values());
    }

    @Override
    public String keyOf(TapDevice device) {
        if (device instanceof ForeignTapDevice f) {
            return f.netnsInode() + "/" + f.name();
        }
        String path = device.namespace() == null ? "/proc/self/ns/net" : device.namespace().path();
        long ino = path == null ? 0 : NetNamespaces.inodeOf(Path.of(path));
        return ino == 0 ? "" : ino + "/" + device.name();
    }
}
