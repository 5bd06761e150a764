package io.tapsteer.api.inventory;

import io.tapsteer.api.tap.TapDevice;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every tun/tap on the host, and handles on taps other processes hold. Namespaces are found under
 * /run/netns, in every thread of every process (/proc/PID/task/TID/ns/net) and from the holders'
 * fds (TUNGETDEVNETNS), deduplicated by inode.
 */
@ProviderType
public interface TapInventory {
    /** @return every tun/tap device in every namespace found, ordered by namespace then name */
    List<HostTap> scan();

    /**
     * A handle on a tap another process holds, for kernel steering. It owns no queue and never
     * opens one (a new queue would change numqueues under the holder): its steering calls go
     * through a duplicate of a holder's queue fd (pidfd_getfd), closed right after. Queue
     * operations are refused. The same device gives the same handle until it is closed or gone.
     *
     * @param name the device name
     * @param netns {@code host}, a name under /run/netns, {@code pid:N} (the namespace of process
     *        N), the namespace's inode, or "" for the one namespace that has a device of that name
     * @return the handle
     * @throws IllegalArgumentException when no such tap exists, the name is ambiguous, or the device
     *         cannot be steered (a tun device, one without multi_queue); the message says which
     */
    TapDevice foreign(String name, String netns);

    /** @return the foreign handles given out and not closed */
    List<TapDevice> foreignDevices();

    /**
     * @param device a tap opened through the tap service or a foreign handle
     * @return the device's {@link HostTap#key()}, or "" when its namespace cannot be read
     */
    String keyOf(TapDevice device);
}
