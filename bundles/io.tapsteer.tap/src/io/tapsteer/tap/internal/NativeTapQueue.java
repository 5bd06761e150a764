package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.QueueWaiter;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;

/** One queue fd of a {@link NativeTapDevice}. The device keeps {@code index} and {@code attached} in step with the kernel. */
final class NativeTapQueue implements TapQueue {
    private final NativeTapDevice device;
    private final int id;
    private volatile int fd;
    volatile int index;
    volatile boolean attached = true;
    private final DirectAddress readAddress = new DirectAddress();
    private final DirectAddress writeAddress = new DirectAddress();

    NativeTapQueue(NativeTapDevice device, int id, int fd, int index) {
        this.device = device;
        this.id = id;
        this.fd = fd;
        this.index = index;
    }

    @Override
    public TapDevice device() {
        return device;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public int index() {
        return attached ? index : -1;
    }

    @Override
    public boolean isAttached() {
        return attached && fd >= 0;
    }

    @Override
    public boolean isClosed() {
        return fd < 0;
    }

    @Override
    public int read(ByteBuffer buffer, int offset, int capacity) {
        DirectAddress.checkRange(buffer, offset, capacity);
        int f = fd;
        if (f < 0) {
            throw Errors.fail("read", subject(), Errno.EBADF);
        }
        long n = LibC.read(f, readAddress.of(buffer) + offset, capacity);
        if (n >= 0) {
            return (int) n;
        }
        int errno = Errors.errno();
        if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
            return 0;
        }
        throw Errors.fail("read", subject(), errno);
    }

    @Override
    public int write(ByteBuffer buffer, int offset, int length) {
        DirectAddress.checkRange(buffer, offset, length);
        int f = fd;
        if (f < 0) {
            throw Errors.fail("write", subject(), Errno.EBADF);
        }
        long n = LibC.write(f, writeAddress.of(buffer) + offset, length);
        if (n >= 0) {
            return (int) n;
        }
        int errno = Errors.errno();
        if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
            return 0;
        }
        throw Errors.fail("write", subject(), errno);
    }

    @Override
    public QueueWaiter newWaiter() {
        return new EpollWaiter(fd, subject());
    }

    /** Closes the fd; called by the device, which does the index bookkeeping. */
    void closeFd() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            attached = false;
            device.forgetInRings(this); // a ring holding the file would keep the queue attached
            LibC.close(f);
        }
    }

    String subject() {
        return "queue " + id + " of tap \"" + device.name() + "\"";
    }

    @Override
    public String toString() {
        return "TapQueue[id=" + id + ", fd=" + fd + ", index=" + index() + ", attached=" + isAttached() + "]";
    }
}
