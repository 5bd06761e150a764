package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.QueueWaiter;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.sys.Fd;
import java.nio.ByteBuffer;

/**
 * One queue fd of a {@link NativeTapDevice}, owned as an {@link Fd}: closed once, and a read or
 * write racing the close either finishes on the queue or fails with EBADF. The device keeps
 * {@code index} and {@code attached} in step with the kernel.
 */
final class NativeTapQueue implements TapQueue {
    private final NativeTapDevice device;
    private final int id;
    private final Fd fd;
    volatile int index;
    volatile boolean attached = true;
    private final DirectAddress readAddress = new DirectAddress();
    private final DirectAddress writeAddress = new DirectAddress();

    NativeTapQueue(NativeTapDevice device, int id, int fd, int index) {
        this.device = device;
        this.id = id;
        this.index = index;
        this.fd = Fd.of(fd, subject());
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
        return fd.intValue();
    }

    @Override
    public int index() {
        return attached ? index : -1;
    }

    @Override
    public boolean isAttached() {
        return attached && !fd.isClosed();
    }

    @Override
    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public int read(ByteBuffer buffer, int offset, int capacity) {
        DirectAddress.checkRange(buffer, offset, capacity);
        long n = fd.read(readAddress.of(buffer) + offset, capacity);
        return n == Fd.WOULD_BLOCK ? 0 : (int) n;
    }

    @Override
    public int write(ByteBuffer buffer, int offset, int length) {
        DirectAddress.checkRange(buffer, offset, length);
        long n = fd.write(writeAddress.of(buffer) + offset, length);
        return n == Fd.WOULD_BLOCK ? 0 : (int) n;
    }

    @Override
    public QueueWaiter newWaiter() {
        return new EpollWaiter(fd(), subject());
    }

    /** Closes the fd; called by the device, which does the index bookkeeping. */
    void closeFd() {
        if (!fd.isClosed()) {
            attached = false;
            device.forgetInRings(this); // a ring holding the file would keep the queue attached
            fd.close();
        }
    }

    String subject() {
        return "queue " + id + " of tap \"" + device.name() + "\"";
    }

    @Override
    public String toString() {
        return "TapQueue[id=" + id + ", fd=" + fd() + ", index=" + index() + ", attached=" + isAttached() + "]";
    }
}
