package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.Fd;
import io.tapsteer.tap.sys.LibC;
import java.nio.ByteBuffer;

/**
 * AF_PACKET raw socket bound to one device. Sends go through dev_queue_xmit, so for a tap they pass
 * the queue selection (steering eBPF or automq) like any traffic the kernel sends. Never uses
 * PACKET_QDISC_BYPASS (ENOBUFS on full rings). Batches use sendmmsg over a preallocated native
 * vector: struct mmsghdr is 64 bytes (msghdr 56 + msg_len 4 + padding), struct iovec 16 bytes.
 * The socket is an {@link Fd}: closed once, and a send racing the close fails with EBADF. A full
 * send buffer or ring (ENOBUFS) counts as "would block" for sends, like EAGAIN.
 */
public final class NativePacketSocket implements PacketSocket {
    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    private final String device;
    private final Memory vector = new Memory((long) MAX_BATCH * (MMSGHDR + IOVEC));
    private final long vectorAddress = Pointer.nativeValue(vector);
    private final DirectAddress sendAddress = new DirectAddress();
    private final DirectAddress receiveAddress = new DirectAddress();
    private final Fd fd;

    private NativePacketSocket(String device, int fd) {
        this.device = device;
        this.fd = Fd.of(fd, "device \"" + device + "\"");
        vector.clear();
        long iovs = vectorAddress + (long) MAX_BATCH * MMSGHDR;
        for (int i = 0; i < MAX_BATCH; i++) {
            long hdr = (long) i * MMSGHDR;
            vector.setLong(hdr + 16, iovs + (long) i * IOVEC); // msg_iov
            vector.setLong(hdr + 24, 1); // msg_iovlen
        }
    }

    /**
     * Opens and binds the socket on the calling thread, which must be in the device's namespace.
     *
     * @param device the device name
     * @param receive whether to receive (ETH_P_ALL) or only send (protocol 0)
     */
    public static NativePacketSocket open(String device, boolean receive) {
        int ifindex = LibC.if_nametoindex(device);
        if (ifindex == 0) {
            throw Errors.fail("if_nametoindex", "device \"" + device + "\"");
        }
        int proto = receive ? Short.toUnsignedInt(Short.reverseBytes((short) LibC.ETH_P_ALL)) : 0;
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, proto);
        if (fd < 0) {
            throw Errors.fail("socket(AF_PACKET)", "device \"" + device + "\"");
        }
        try (Memory sll = new Memory(20)) { // struct sockaddr_ll
            sll.clear();
            sll.setShort(0, (short) LibC.AF_PACKET);
            sll.setShort(2, (short) proto);
            sll.setInt(4, ifindex);
            if (LibC.bind(fd, Pointer.nativeValue(sll), 20) < 0) {
                int errno = Errors.errno();
                LibC.close(fd);
                throw Errors.fail("bind(AF_PACKET)", "device \"" + device + "\"", errno);
            }
            sll.setInt(0, 4 << 20); // ask for 4 MiB of send buffer so a generator is not limited by the socket
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, Pointer.nativeValue(sll), 4);
            if (receive) {
                LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, Pointer.nativeValue(sll), 4);
            }
        }
        return new NativePacketSocket(device, fd);
    }

    @Override
    public String deviceName() {
        return device;
    }

    @Override
    public boolean send(ByteBuffer buffer, int offset, int length) {
        DirectAddress.checkRange(buffer, offset, length);
        int f = fd.acquire("send(AF_PACKET)");
        try {
            return sent(LibC.send(f, sendAddress.of(buffer) + offset, length, LibC.MSG_DONTWAIT), "send(AF_PACKET)") >= 0;
        } finally {
            fd.release();
        }
    }

    @Override
    public int sendBatch(ByteBuffer buffer, int[] offsets, int[] lengths, int count) {
        if (count < 0 || count > MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + count + " frames: send 0 to " + MAX_BATCH + " at once");
        }
        long base = sendAddress.of(buffer);
        long iovs = (long) MAX_BATCH * MMSGHDR;
        for (int i = 0; i < count; i++) {
            DirectAddress.checkRange(buffer, offsets[i], lengths[i]);
            vector.setLong(iovs + (long) i * IOVEC, base + offsets[i]);
            vector.setLong(iovs + (long) i * IOVEC + 8, lengths[i]);
        }
        int f = fd.acquire("sendmmsg(AF_PACKET)");
        try {
            return (int) Math.max(0, sent(LibC.sendmmsg(f, vectorAddress, count, LibC.MSG_DONTWAIT), "sendmmsg(AF_PACKET)"));
        } finally {
            fd.release();
        }
    }

    /** @return what a send returned, or {@link Fd#WOULD_BLOCK} also for a full ring (ENOBUFS) */
    private long sent(long result, String call) {
        return result < 0 && Errors.errno() == Errno.ENOBUFS ? Fd.WOULD_BLOCK : fd.outcome(result, call);
    }

    @Override
    public int receive(ByteBuffer buffer, int offset, int capacity) {
        DirectAddress.checkRange(buffer, offset, capacity);
        int f = fd.acquire("recv(AF_PACKET)");
        try {
            long n = fd.outcome(LibC.recv(f, receiveAddress.of(buffer) + offset, capacity, LibC.MSG_DONTWAIT), "recv(AF_PACKET)");
            return n == Fd.WOULD_BLOCK ? 0 : (int) n;
        } finally {
            fd.release();
        }
    }

    @Override
    public synchronized void close() {
        if (!fd.isClosed()) {
            fd.close();
            vector.close();
        }
    }
}
