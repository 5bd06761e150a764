package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.QueueWaiter;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;

/**
 * epoll on one queue fd plus an eventfd for wake-ups. struct epoll_event is packed on x86_64:
 * u32 events at 0, u64 data at 4 (12 bytes).
 */
final class EpollWaiter implements QueueWaiter {
    private static final int EVENT_SIZE = 12;
    private final int epfd;
    private final int eventfd;
    private final Memory events = new Memory(EVENT_SIZE * 2L);
    private final Memory drained = new Memory(8);
    private final Memory one = new Memory(8);
    private final long eventsAddress = Pointer.nativeValue(events);
    private final long drainedAddress = Pointer.nativeValue(drained);
    private final long oneAddress = Pointer.nativeValue(one);
    private final int queueFd;
    private volatile boolean closed;

    EpollWaiter(int queueFd, String subject) {
        this.queueFd = queueFd;
        one.setLong(0, 1); // the eventfd increment, never rewritten: wakeup() may run on any thread
        epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (epfd < 0) {
            throw Errors.fail("epoll_create1", subject);
        }
        eventfd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (eventfd < 0) {
            int errno = Errors.errno();
            LibC.close(epfd);
            throw Errors.fail("eventfd", subject, errno);
        }
        add(queueFd, subject);
        add(eventfd, subject);
    }

    private void add(int fd, String subject) {
        events.setInt(0, LibC.EPOLLIN);
        events.setLong(4, fd);
        if (LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, fd, eventsAddress) < 0) {
            int errno = Errors.errno();
            close();
            throw Errors.fail("epoll_ctl(ADD)", subject, errno);
        }
    }

    @Override
    public boolean await(int timeoutMillis) {
        if (closed) {
            return false;
        }
        int n = LibC.epoll_wait(epfd, eventsAddress, 2, timeoutMillis);
        boolean readable = false;
        for (int i = 0; i < n; i++) {
            long fd = events.getLong(i * (long) EVENT_SIZE + 4);
            if (fd == eventfd) {
                LibC.read(eventfd, drainedAddress, 8); // drain the wake-up
            } else if (fd == queueFd) {
                readable = true;
            }
        }
        return readable;
    }

    @Override
    public void wakeup() {
        if (!closed) {
            LibC.write(eventfd, oneAddress, 8);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(epfd);
            LibC.close(eventfd);
        }
    }
}
