package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A tap another process holds (a VMM, a user-space switch). tapsteer owns no queue of it and never
 * opens one: a new queue would change numqueues under the holder and lose the frames steered to it.
 * Steering and filter programs are set through a duplicate of one of the holder's queue fds
 * (pidfd_getfd), closed right after; the program belongs to the device, not to the fd, so it stays.
 * Counts and link state are read from the kernel (rtnetlink) in the device's namespace on each
 * call. Queue and configuration changes are refused: they belong to the holder.
 */
public final class ForeignTapDevice implements TapDevice {
    private final PathNetNamespace namespace;
    private final String name;
    private final int ifindex;
    private final TapOptions options;
    private final Consumer<ForeignTapDevice> onClose;
    private static final String GONE = " is gone: its holder closed it or it was deleted";
    private volatile boolean closed;
    private volatile boolean gone;

    ForeignTapDevice(HostTap tap, PathNetNamespace namespace, Consumer<ForeignTapDevice> onClose) {
        this.namespace = namespace;
        this.name = tap.name();
        this.ifindex = tap.ifindex();
        this.onClose = onClose;
        this.options = TapOptions.builder().name(tap.name()).queues(Math.max(1, tap.numQueues()))
                .multiQueue(tap.multiQueue()).vnetHeaderSize(tap.vnetHeader() ? 10 : 0).persist(tap.persist()).build();
    }

    /** @return the namespace inode, with the name the device's {@link HostTap#key()} */
    public long netnsInode() {
        return namespace.inode();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TapOptions options() {
        return options;
    }

    @Override
    public NetNamespace namespace() {
        return namespace;
    }

    /** @return the link as the kernel reports it now */
    private TunLinks.Link link() {
        if (gone) {
            throw new TapException("RTM_GETLINK", Errno.ENODEV, subject() + GONE);
        }
        if (closed) {
            throw new TapException("control", Errno.EBADF, subject() + ": this handle is closed");
        }
        TunLinks.Link l = find();
        if (l == null) {
            gone = true;
            close();
            throw new TapException("RTM_GETLINK", Errno.ENODEV, subject() + GONE);
        }
        return l;
    }

    private TunLinks.Link find() {
        try {
            for (TunLinks.Link l : namespace.call(TunLinks::dump)) {
                if (l.name().equals(name) && l.ifindex() == ifindex) {
                    return l;
                }
            }
        } catch (TapException e) {
            if (e.errno() == Errno.EINTR) {
                throw e; // the caller was interrupted while asking: nothing is known of the device
            }
            return null; // the namespace is gone, and the device with it
        }
        return null;
    }

    @Override
    public int vnetHeaderSize() {
        return options.vnetHeaderSize();
    }

    /** No queue of a foreign tap is tapsteer's: the list is empty (tap:scan shows the holders). */
    @Override
    public List<TapQueue> queues() {
        return List.of();
    }

    @Override
    public TapQueue queueAt(int kernelIndex) {
        return null;
    }

    @Override
    public int attachedQueues() {
        return link().numQueues();
    }

    @Override
    public int detachedQueues() {
        return link().numDisabled();
    }

    @Override
    public TapQueue addQueue() {
        throw refuse("open a queue");
    }

    @Override
    public void detach(TapQueue queue) {
        throw refuse("detach a queue");
    }

    @Override
    public void attach(TapQueue queue) {
        throw refuse("attach a queue");
    }

    @Override
    public void closeQueue(TapQueue queue) {
        throw refuse("close a queue");
    }

    @Override
    public void setPersist(boolean persist) {
        throw refuse("change persist");
    }

    @Override
    public void setLinkUp(boolean up) {
        throw refuse("change the link state");
    }

    @Override
    public boolean isLinkUp() {
        return link().up();
    }

    @Override
    public void setMtu(int mtu) {
        throw refuse("change the MTU");
    }

    @Override
    public int mtu() {
        return link().mtu();
    }

    @Override
    public void setMac(byte[] mac) {
        throw refuse("change the MAC address");
    }

    @Override
    public byte[] mac() {
        return link().mac().clone();
    }

    @Override
    public void setTxQueueLength(int length) {
        throw refuse("change txqueuelen");
    }

    @Override
    public void setOffloads(int offloads) {
        throw refuse("change offloads");
    }

    @Override
    public void setSteeringProgram(int programFd) {
        withHolderFd("ioctl(TUNSETSTEERINGEBPF)", fd -> intIoctl(fd, Tun.TUNSETSTEERINGEBPF, "ioctl(TUNSETSTEERINGEBPF)", programFd));
    }

    @Override
    public void setFilterProgram(int programFd) {
        withHolderFd("ioctl(TUNSETFILTEREBPF)", fd -> intIoctl(fd, Tun.TUNSETFILTEREBPF, "ioctl(TUNSETFILTEREBPF)", programFd));
    }

    private Void intIoctl(int fd, long request, String call, int value) {
        try (Memory m = new Memory(4)) {
            m.setInt(0, value);
            if (LibC.ioctl(fd, request, Pointer.nativeValue(m)) < 0) {
                throw Errors.fail(call, subject());
            }
        }
        return null;
    }

    /**
     * Runs {@code action} on a duplicate of a holder's queue fd of this device, then closes the
     * duplicate. Holders are looked up afresh (a VMM may have reopened its queues), each checked to
     * still be a queue of this device in this namespace.
     *
     * @throws TapException saying in one sentence why no holder fd could be had
     */
    public <T> T withHolderFd(String call, IntFunction<T> action) {
        link(); // gone or closed: say so first
        List<TapHolder> holders = holders();
        if (holders.isEmpty() && TunHolders.othersUnreadable()) {
            throw new TapException(call, Errno.EPERM, "no queue of " + name + " (netns " + namespace.label()
                    + ") can be found: reading other processes' fds (/proc/PID/fd, pidfd_getfd) needs CAP_SYS_PTRACE: run as root");
        }
        if (holders.isEmpty()) {
            throw new TapException(call, Errno.ENODEV, "no process holds a queue of " + name + " (netns "
                    + namespace.label() + "): tapsteer never opens a queue on a tap it does not own");
        }
        TapException first = null;
        for (TapHolder h : holders) {
            int dup;
            try {
                dup = Pidfd.duplicate(h.pid(), h.fd());
            } catch (TapException e) {
                first = first == null ? e : first;
                continue;
            }
            try {
                if (!isQueueOfThis(dup)) {
                    continue; // reused for something else meanwhile
                }
                return action.apply(dup);
            } finally {
                LibC.close(dup);
            }
        }
        throw first != null ? first
                : new TapException(call, Errno.EBADF, "the queue fds of " + name + " changed while tapsteer looked: try again");
    }

    /** @return the queue fds other processes hold of this device now */
    public List<TapHolder> holders() {
        List<TapHolder> holders = new ArrayList<>();
        for (TunHolders.QueueFd q : TunHolders.all()) {
            if (q.device().equals(name) && q.netnsInode() == namespace.inode()) {
                holders.add(q.holder());
            }
        }
        return holders;
    }

    private boolean isQueueOfThis(int dup) {
        return Pidfd.link(dup).equals("/dev/net/tun")
                && TunHolders.iff(Path.of("/proc/self/fdinfo/" + dup)).equals(name)
                && TunHolders.namespaceOf(dup) == namespace.inode();
    }

    @Override
    public KernelCounters kernelCounters() {
        return namespace.call(() -> ProcNetDev.read(name));
    }

    @Override
    public List<KernelQueueCounters> qdiscCounters() {
        link(); // gone or closed: say so
        return namespace.call(() -> TcQdiscs.mqChildren(ifindex));
    }

    /** @return whether this handle was closed or the device is gone (deleted, or its holders closed it) */
    @Override
    public boolean isClosed() {
        if (closed) {
            return true;
        }
        TunLinks.Link l;
        try {
            l = find();
        } catch (TapException interrupted) {
            return false; // not known to be gone: a watcher stopped mid-check must not close the handle
        }
        if (l == null) {
            gone = true;
            close();
            return true;
        }
        return false;
    }

    /** Forgets the handle. The device and its holders are untouched; a program attached stays. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }

    private IllegalStateException refuse(String what) {
        return new IllegalStateException("tapsteer does not " + what + " on " + subject()
                + ": another process holds it; only its steering program can be set");
    }

    String subject() {
        return "tap \"" + name + "\" (netns " + namespace.label() + ")";
    }

    @Override
    public String toString() {
        return "ForeignTapDevice[" + name + ", netns " + namespace.label() + "]";
    }
}
