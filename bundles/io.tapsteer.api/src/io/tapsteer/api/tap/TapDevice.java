package io.tapsteer.api.tap;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A tap device opened by tapsteer, with the queues it owns. Control operations are thread-safe;
 * the kernel's queue renumbering on detach is mirrored in {@link TapQueue#index()}.
 */
@ProviderType
public interface TapDevice extends AutoCloseable {
    /** @return the kernel's device name (a template is completed) */
    String name();

    /** @return the options it was created with */
    TapOptions options();

    /** @return the namespace the device lives in, or null for the namespace of the service */
    NetNamespace namespace();

    /** @return the vnet header size, 0 when the device has none */
    int vnetHeaderSize();

    /** @return every open queue, attached or not, in {@link TapQueue#id()} order */
    List<TapQueue> queues();

    /** @return the queue with this kernel index, or null */
    TapQueue queueAt(int kernelIndex);

    /** @return attached queues, as {@code ip -d link} prints {@code numqueues} */
    int attachedQueues();

    /** @return detached queues, as {@code ip -d link} prints {@code numdisabled} */
    int detachedQueues();

    /** @return a new attached queue (a new fd); fails with E2BIG past 256 */
    TapQueue addQueue();

    /** Detaches a queue (TUNSETQUEUE IFF_DETACH_QUEUE); its fd stays open. */
    void detach(TapQueue queue);

    /** Re-attaches a detached queue; it becomes the last kernel index. */
    void attach(TapQueue queue);

    /** Closes one queue's fd; the device disappears with its last fd unless persistent. */
    void closeQueue(TapQueue queue);

    /** @param persist whether the device outlives its fds (TUNSETPERSIST) */
    void setPersist(boolean persist);

    /** @param up whether the link is administratively up */
    void setLinkUp(boolean up);

    /** @return whether the link is administratively up */
    boolean isLinkUp();

    /** @param mtu the new MTU */
    void setMtu(int mtu);

    /** @return the MTU */
    int mtu();

    /** @param mac 6 bytes */
    void setMac(byte[] mac);

    /** @return the MAC address, 6 bytes */
    byte[] mac();

    /** @param length the transmit queue length (txqueuelen) */
    void setTxQueueLength(int length);

    /** @param offloads TUN_F_* bits (TUNSETOFFLOAD); needs a vnet header */
    void setOffloads(int offloads);

    /**
     * Attaches a steering eBPF program (TUNSETSTEERINGEBPF), or detaches it with -1.
     *
     * @param programFd a loaded BPF_PROG_TYPE_SOCKET_FILTER program fd, or -1
     */
    void setSteeringProgram(int programFd);

    /** @param programFd a filter program fd (TUNSETFILTEREBPF), or -1 to detach */
    void setFilterProgram(int programFd);

    /** @return the kernel's counters of this device, read in its namespace */
    KernelCounters kernelCounters();

    /**
     * The kernel's per-queue counters from the device's {@code mq} qdisc, read in its namespace:
     * one entry per tx queue, the frames and bytes the kernel put on it and the drops of its child
     * qdisc, counted from when that child was created.
     *
     * @return by queue; empty when the root qdisc is not mq (a single-queue tap)
     * @throws UnsupportedOperationException when this implementation cannot read qdiscs
     */
    default List<KernelQueueCounters> qdiscCounters() {
        throw new UnsupportedOperationException("qdisc counters are not supported by " + getClass().getName());
    }

    /**
     * Opens a batch reader/writer for this device's queues: one kernel crossing per batch instead of
     * one per frame (io_uring). The caller closes it, before closing the device.
     *
     * @param capacity most operations per batch, 1 to 4096
     * @throws UnsupportedOperationException when this implementation or the kernel has no batched
     *         I/O (io_uring missing or disabled); the message says which, and per-frame calls still work
     */
    default BatchIo newBatchIo(int capacity) {
        throw new UnsupportedOperationException("batched I/O is not supported by " + getClass().getName());
    }

    /** @return whether {@link #close()} was called or the device vanished */
    boolean isClosed();

    /**
     * Whether the kernel device behind this object no longer exists: deleted underneath (for example
     * {@code ip link del} in its namespace) or gone with its namespace. Its queues then read and write
     * nothing ever again; the owner still closes it to release the queue fds. Asks the kernel while
     * the device is open (a control call, not for the data path); stays true once seen.
     *
     * @return whether the device is gone
     */
    default boolean isGone() {
        return false;
    }

    /** Closes every queue fd; a non-persistent device then disappears. Idempotent. */
    @Override
    void close();
}
