package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.BatchIo;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A tap opened through /dev/net/tun. Control operations are serialised on this object; the data path
 * ({@link TapQueue#read}/{@link TapQueue#write}) takes no lock. Queue indices mirror the kernel's
 * renumbering (tun's __tun_detach: the last queue takes a detached queue's index; an attached queue
 * becomes the last).
 */
public final class NativeTapDevice implements TapDevice {
    /** The batch rings of this device: they may hold its queues' files (see {@link RegisteredFiles}). */
    private final Set<IoUring> rings = ConcurrentHashMap.newKeySet();
    private final TapOptions options;
    private final NetNamespace namespace;
    private final Consumer<NativeTapDevice> onClose;
    private final String name;
    private final int flags;
    private final int vnetHeaderSize;
    private final List<NativeTapQueue> queues = new CopyOnWriteArrayList<>();
    private int nextQueueId;
    private volatile boolean closed;
    private volatile boolean gone;

    private NativeTapDevice(TapOptions options, NetNamespace namespace, Consumer<NativeTapDevice> onClose) {
        this.options = options;
        this.namespace = namespace;
        this.onClose = onClose;
        this.flags = Tun.IFF_TAP | Tun.IFF_NO_PI | (options.multiQueue() ? Tun.IFF_MULTI_QUEUE : 0)
                | (options.vnetHeaderSize() > 0 ? Tun.IFF_VNET_HDR : 0);
        NativeTapQueue first;
        int fd = openTunFd();
        IfReq ifr = new IfReq(options.name()).flags(flags);
        if (LibC.ioctl(fd, Tun.TUNSETIFF, ifr.address()) < 0) {
            int errno = Errors.errno();
            LibC.close(fd);
            throw Errors.fail("ioctl(TUNSETIFF)", "tap \"" + options.name() + "\" (" + Tun.describeFlags(flags) + ")", errno);
        }
        this.name = ifr.name();
        first = new NativeTapQueue(this, nextQueueId++, fd, 0);
        queues.add(first);
        try {
            if (options.vnetHeaderSize() > 0) {
                intIoctl(fd, Tun.TUNSETVNETHDRSZ, "ioctl(TUNSETVNETHDRSZ)", options.vnetHeaderSize());
                intIoctl(fd, Tun.TUNSETVNETLE, "ioctl(TUNSETVNETLE)", options.vnetLittleEndian() ? 1 : 0);
                this.vnetHeaderSize = options.vnetHeaderSize();
            } else {
                this.vnetHeaderSize = 0;
            }
            if (options.offloads() != 0) {
                valueIoctl(fd, Tun.TUNSETOFFLOAD, "ioctl(TUNSETOFFLOAD)", options.offloads());
            }
            if (options.persist()) {
                valueIoctl(fd, Tun.TUNSETPERSIST, "ioctl(TUNSETPERSIST)", 1);
            }
            if (options.owner() >= 0) {
                valueIoctl(fd, Tun.TUNSETOWNER, "ioctl(TUNSETOWNER)", options.owner());
            }
            if (options.group() >= 0) {
                valueIoctl(fd, Tun.TUNSETGROUP, "ioctl(TUNSETGROUP)", options.group());
            }
            for (int i = 1; i < options.queues(); i++) {
                addQueue();
            }
            if (options.up()) {
                setLinkUp(true);
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Creates or opens a tap on the calling thread (which must be in the intended namespace).
     *
     * @param onClose called once when the device is closed
     */
    public static NativeTapDevice open(TapOptions options, NetNamespace namespace, Consumer<NativeTapDevice> onClose) {
        return new NativeTapDevice(options, namespace, onClose);
    }

    static int openTunFd() {
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw Errors.fail("open(/dev/net/tun)", "the tun driver");
        }
        return fd;
    }

    private void intIoctl(int fd, long request, String call, int value) {
        try (Memory m = new Memory(4)) {
            m.setInt(0, value);
            if (LibC.ioctl(fd, request, Pointer.nativeValue(m)) < 0) {
                throw Errors.fail(call, subject());
            }
        }
    }

    private void valueIoctl(int fd, long request, String call, long value) {
        if (LibC.ioctl(fd, request, value) < 0) {
            throw Errors.fail(call, subject());
        }
    }

    private int controlFd() {
        for (NativeTapQueue q : queues) {
            if (!q.isClosed()) {
                return q.fd();
            }
        }
        throw new TapException("control", Errno.EBADF, "tap \"" + name + "\" is closed: it has no open queue left");
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

    @Override
    public int vnetHeaderSize() {
        return vnetHeaderSize;
    }

    @Override
    public List<TapQueue> queues() {
        return List.copyOf(queues);
    }

    @Override
    public TapQueue queueAt(int kernelIndex) {
        for (NativeTapQueue q : queues) {
            if (q.isAttached() && q.index == kernelIndex) {
                return q;
            }
        }
        return null;
    }

    @Override
    public int attachedQueues() {
        int n = 0;
        for (NativeTapQueue q : queues) {
            n += q.isAttached() ? 1 : 0;
        }
        return n;
    }

    @Override
    public int detachedQueues() {
        return queues.size() - attachedQueues();
    }

    @Override
    public synchronized TapQueue addQueue() {
        checkOpen();
        // TUNSETIFF finds the device by name in the namespace of the calling thread: run it in ours,
        // or a thread elsewhere would create a new tap of the same name there.
        return inNamespace(this::openQueueHere);
    }

    private TapQueue openQueueHere() {
        int fd = openTunFd();
        IfReq ifr = new IfReq(name).flags(flags);
        if (LibC.ioctl(fd, Tun.TUNSETIFF, ifr.address()) < 0) {
            int errno = Errors.errno();
            LibC.close(fd);
            throw Errors.fail("ioctl(TUNSETIFF)", "new queue " + queues.size() + " of " + subject(), errno);
        }
        NativeTapQueue q = new NativeTapQueue(this, nextQueueId++, fd, attachedQueues());
        queues.add(q);
        return q;
    }

    @Override
    public synchronized void detach(TapQueue queue) {
        NativeTapQueue q = own(queue);
        if (!q.isAttached()) {
            throw new TapException("ioctl(TUNSETQUEUE)", Errno.EINVAL, "queue " + q.id() + " of " + subject()
                    + " is already detached: attach it first");
        }
        queueIoctl(q, Tun.IFF_DETACH_QUEUE);
        renumberAfterRemoving(q);
    }

    @Override
    public synchronized void attach(TapQueue queue) {
        NativeTapQueue q = own(queue);
        if (q.isAttached()) {
            throw new TapException("ioctl(TUNSETQUEUE)", Errno.EINVAL, "queue " + q.id() + " of " + subject()
                    + " is already attached: detach it first");
        }
        int last = attachedQueues();
        queueIoctl(q, Tun.IFF_ATTACH_QUEUE);
        q.index = last;
        q.attached = true;
    }

    private void queueIoctl(NativeTapQueue q, int flag) {
        IfReq ifr = new IfReq(null).flags(flag);
        if (LibC.ioctl(q.fd(), Tun.TUNSETQUEUE, ifr.address()) < 0) {
            throw Errors.fail("ioctl(TUNSETQUEUE " + (flag == Tun.IFF_ATTACH_QUEUE ? "attach" : "detach") + ")",
                    "queue " + q.id() + " of " + subject());
        }
    }

    /** The kernel moves the last attached queue into the freed index. */
    private void renumberAfterRemoving(NativeTapQueue q) {
        int freed = q.index;
        int last = attachedQueues() - 1;
        q.attached = false;
        q.index = -1;
        for (NativeTapQueue other : queues) {
            if (other != q && other.isAttached() && other.index == last) {
                other.index = freed;
            }
        }
    }

    @Override
    public synchronized void closeQueue(TapQueue queue) {
        NativeTapQueue q = own(queue);
        if (q.isAttached()) {
            renumberAfterRemoving(q);
        }
        q.closeFd();
        queues.remove(q);
        if (queues.isEmpty()) {
            markClosed();
        }
    }

    private NativeTapQueue own(TapQueue queue) {
        checkOpen();
        if (!(queue instanceof NativeTapQueue q) || q.device() != this || !queues.contains(q)) {
            throw new IllegalArgumentException(queue + " is not an open queue of " + subject());
        }
        return q;
    }

    @Override
    public synchronized void setPersist(boolean persist) {
        checkOpen();
        valueIoctl(controlFd(), Tun.TUNSETPERSIST, "ioctl(TUNSETPERSIST)", persist ? 1 : 0);
    }

    @Override
    public void setLinkUp(boolean up) {
        inNamespace(() -> {
            int flags = Ifconfig.flags(name);
            Ifconfig.setFlags(name, up ? flags | Tun.IFF_UP : flags & ~Tun.IFF_UP);
            return null;
        });
    }

    @Override
    public boolean isLinkUp() {
        return inNamespace(() -> (Ifconfig.flags(name) & Tun.IFF_UP) != 0);
    }

    @Override
    public void setMtu(int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU " + mtu + " is out of range: 68 to 65535");
        }
        inNamespace(() -> {
            Ifconfig.setMtu(name, mtu);
            return null;
        });
    }

    @Override
    public int mtu() {
        return inNamespace(() -> Ifconfig.mtu(name));
    }

    @Override
    public void setMac(byte[] mac) {
        if (mac.length != 6 || (mac[0] & 1) != 0) {
            throw new IllegalArgumentException("MAC must be 6 bytes and unicast (first byte even)");
        }
        inNamespace(() -> {
            Ifconfig.setMac(name, mac);
            return null;
        });
    }

    @Override
    public byte[] mac() {
        return inNamespace(() -> Ifconfig.mac(name));
    }

    @Override
    public void setTxQueueLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("txqueuelen " + length + " must be 0 or more");
        }
        inNamespace(() -> {
            Ifconfig.setTxQueueLength(name, length);
            return null;
        });
    }

    @Override
    public synchronized void setOffloads(int offloads) {
        checkOpen();
        if (vnetHeaderSize == 0 && offloads != 0) {
            throw new IllegalArgumentException("offloads need a vnet header: create the tap with vnetHeaderSize 10 or more");
        }
        valueIoctl(controlFd(), Tun.TUNSETOFFLOAD, "ioctl(TUNSETOFFLOAD)", offloads);
    }

    @Override
    public synchronized void setSteeringProgram(int programFd) {
        checkOpen();
        intIoctl(controlFd(), Tun.TUNSETSTEERINGEBPF, "ioctl(TUNSETSTEERINGEBPF)", programFd);
    }

    @Override
    public synchronized void setFilterProgram(int programFd) {
        checkOpen();
        intIoctl(controlFd(), Tun.TUNSETFILTEREBPF, "ioctl(TUNSETFILTEREBPF)", programFd);
    }

    @Override
    public KernelCounters kernelCounters() {
        return inNamespace(() -> ProcNetDev.read(name));
    }

    @Override
    public List<KernelQueueCounters> qdiscCounters() {
        return inNamespace(() -> TcQdiscs.mqChildren(name));
    }

    private <T> T inNamespace(java.util.concurrent.Callable<T> task) {
        checkOpen();
        if (gone) {
            throw new TapException("control", Errno.ENODEV, subject() + " is gone (deleted underneath or its namespace closed): "
                    + "it has no link, counters or addresses any more; close it to release its queues");
        }
        if (namespace != null) {
            return namespace.call(task);
        }
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TapException("control", 0, e.getMessage());
        }
    }

    @Override
    public BatchIo newBatchIo(int capacity) {
        checkOpen();
        IoUring ring = IoUring.open(capacity, subject(), this, rings::remove);
        rings.add(ring);
        return ring;
    }

    /** Every open ring lets go of {@code q}'s file: called before the queue's fd is closed. */
    void forgetInRings(NativeTapQueue q) {
        for (IoUring ring : rings) {
            ring.forget(q);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Asks the kernel through one open queue fd (TUNGETIFF): once the device is deleted, every fd
     * bound to it, attached or detached, answers EBADFD. Under the device lock, so the fd cannot be
     * closed and its number reused meanwhile.
     */
    @Override
    public boolean isGone() {
        if (gone) {
            return true;
        }
        synchronized (this) {
            if (gone || closed) {
                return gone;
            }
            for (NativeTapQueue q : queues) {
                if (!q.isClosed()) {
                    IfReq ifr = new IfReq(null);
                    if (LibC.ioctl(q.fd(), Tun.TUNGETIFF, ifr.address()) < 0 && Errors.errno() == Errno.EBADFD) {
                        gone = true;
                    }
                    break;
                }
            }
            return gone;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TapException("control", Errno.EBADF, "tap \"" + name + "\" is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closeQuietly();
    }

    private void closeQuietly() {
        List<NativeTapQueue> all = new ArrayList<>(queues);
        queues.clear();
        for (NativeTapQueue q : all) {
            q.closeFd();
        }
        markClosed();
    }

    private void markClosed() {
        if (!closed) {
            closed = true;
            if (onClose != null) {
                onClose.accept(this);
            }
        }
    }

    String subject() {
        return "tap \"" + name + "\"";
    }

    @Override
    public String toString() {
        return "TapDevice[" + name + ", queues " + attachedQueues() + "+" + detachedQueues() + " detached]";
    }
}
