package io.tapsteer.api.inventory;

import java.util.List;

/**
 * A tun or tap device as the kernel reports it ({@code ip -d link}'s tun attributes), in the
 * network namespace it lives in, with the queue fds other processes hold.
 *
 * @param netns the namespace's label: {@code host}, the name under /run/netns, or {@code pid:N}
 *        (a namespace only processes are in; N is the lowest pid in it)
 * @param netnsInode the namespace's inode ({@code net:[INODE]}), unique on the host
 * @param name the device name
 * @param ifindex the interface index in its namespace
 * @param type {@code tap} (Ethernet frames) or {@code tun} (IP packets)
 * @param multiQueue IFF_MULTI_QUEUE
 * @param vnetHeader IFF_VNET_HDR
 * @param persist whether the device outlives its fds (TUNSETPERSIST)
 * @param numQueues attached queues ({@code numqueues})
 * @param numDisabled detached queues ({@code numdisabled})
 * @param owner the owner uid, -1 when none is set
 * @param group the group gid, -1 when none is set
 * @param txQueueLength txqueuelen
 * @param master the master device (a bridge, for example), "" when none
 * @param up whether the link is administratively up
 * @param holders every queue fd (attached or detached) held by a process
 * @param driven whether this runtime holds queues of it (a tap tapsteer opened itself)
 */
public record HostTap(String netns, long netnsInode, String name, int ifindex, String type, boolean multiQueue,
        boolean vnetHeader, boolean persist, int numQueues, int numDisabled, long owner, long group,
        int txQueueLength, String master, boolean up, List<TapHolder> holders, boolean driven) implements java.io.Serializable {

    /** The key of a device on the host: namespace inode and name, as {@link TapInventory#keyOf} gives it. */
    public String key() {
        return netnsInode + "/" + name;
    }
}
