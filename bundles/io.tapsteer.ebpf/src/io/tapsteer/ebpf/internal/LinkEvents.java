package io.tapsteer.ebpf.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;

/**
 * Link notifications of one network namespace: an rtnetlink socket joined to RTMGRP_LINK, opened on
 * a thread in that namespace (a netlink socket stays in the namespace it was made in) and read
 * without blocking from any thread. The tun driver sends RTM_NEWLINK when a queue is attached or
 * detached, so a holder changing numqueues/numdisabled shows here at once, traffic or not.
 */
final class LinkEvents implements AutoCloseable {
    private static final int AF_NETLINK = 16;
    private static final int NETLINK_ROUTE = 0;
    private static final int RTMGRP_LINK = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int ENOBUFS = 105;
    private final Memory buf = new Memory(16 * 1024);
    private int fd;

    /** Opens the socket in the calling thread's namespace. */
    LinkEvents() {
        fd = LibC.socket(AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
        if (fd < 0) {
            throw Errors.fail("socket(AF_NETLINK)", "link events");
        }
        try (Memory sa = new Memory(12)) { // struct sockaddr_nl: family, pad, pid, groups
            sa.clear();
            sa.setShort(0, (short) AF_NETLINK);
            sa.setInt(8, RTMGRP_LINK);
            if (LibC.bind(fd, Pointer.nativeValue(sa), 12) < 0) {
                int errno = Errors.errno();
                LibC.close(fd);
                fd = -1;
                throw Errors.fail("bind(RTMGRP_LINK)", "link events", errno);
            }
        }
    }

    /** @return whether link messages arrived since the last call (all are read; an overflow counts) */
    synchronized boolean drain() {
        boolean any = false;
        while (fd >= 0) {
            long n = LibC.recv(fd, Pointer.nativeValue(buf), buf.size(), 0);
            if (n > 0) {
                any = true;
            } else if (n < 0 && Errors.errno() == ENOBUFS) {
                any = true; // messages were lost: something changed
            } else {
                break; // EAGAIN: nothing more
            }
        }
        return any;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            LibC.close(fd);
            fd = -1;
        }
        buf.close();
    }
}
