package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.sys.LibC;
import java.util.Arrays;

/**
 * The queue files an {@link IoUring} has registered with the kernel (io_uring "fixed files"): an
 * operation on a registered file names its slot instead of its fd, so the kernel neither looks the
 * fd up nor takes and drops a reference to the file per operation (about 5 % of a tun write here).
 *
 * <p>A registered file is held by the ring, so a queue its device closes would stay attached to the
 * tap for as long as a ring held it. Hence: a queue is registered only while its fd is open, its
 * device tells every ring {@link #forget} before it closes the fd, both under this object's lock,
 * and {@link #close} releases the whole table before the ring goes (the kernel would otherwise drop
 * it later, in the ring's asynchronous teardown). The table is sparse: queue {@code id} has slot
 * {@code id % SLOTS}, registered on the queue's first operation (one system call); a queue whose
 * slot holds another queue, or a queue of another device, is used through its fd as before.
 *
 * <p>{@link #slot} reads the table without the lock: a stale "registered" can only be seen while the
 * queue is being closed, and the kernel then fails that one operation with EBADF, as a write racing
 * a close fails through the fd. A forgotten slot is retired until the ring's next batch has
 * completed ({@link #settled}): an operation staged before the forget may still name it, and if
 * another queue (its id 256 further on) took the slot meanwhile, that operation would go out on
 * the wrong queue instead of failing.
 */
final class RegisteredFiles {
    static final int SLOTS = 256;
    private static final long SYS_REGISTER = 427;
    private static final int REGISTER_FILES = 2;
    private static final int UNREGISTER_FILES = 3;
    private static final int REGISTER_FILES_UPDATE = 6;

    private final int ringFd;
    private final TapDevice device;
    private final TapQueue[] queues = new TapQueue[SLOTS];
    private final int[] fds = new int[SLOTS];
    private final Memory update = new Memory(24); // struct io_uring_files_update, then the one fd
    private final boolean[] retired = new boolean[SLOTS]; // guarded by this
    private volatile boolean anyRetired;
    private boolean enabled; // guarded by this

    /**
     * @param ringFd the ring
     * @param device the device whose queues may be registered (the one that calls {@link #forget})
     */
    RegisteredFiles(int ringFd, TapDevice device) {
        this.ringFd = ringFd;
        this.device = device;
        Arrays.fill(fds, -1);
        if (device != null) {
            Memory none = new Memory(4L * SLOTS);
            for (int i = 0; i < SLOTS; i++) {
                none.setInt(4L * i, -1); // sparse: every slot empty
            }
            // a kernel that cannot (before 5.5), or a file limit below SLOTS, leaves every operation on its fd
            enabled = LibC.syscall(SYS_REGISTER, ringFd, REGISTER_FILES, Pointer.nativeValue(none), SLOTS, 0, 0) >= 0;
        }
    }

    /** @return whether queues of the device are registered on use */
    synchronized boolean enabled() {
        return enabled;
    }

    /**
     * @param q the queue of the next operation
     * @param fd its fd, open when read
     * @return the slot to name in the operation, or -1 to name {@code fd}
     */
    int slot(TapQueue q, int fd) {
        int s = q.id() & (SLOTS - 1);
        if (queues[s] == q && fds[s] == fd) {
            return s;
        }
        return register(q, fd, s);
    }

    private synchronized int register(TapQueue q, int fd, int s) {
        if (queues[s] == q && fds[s] == fd) {
            return s;
        }
        if (!enabled || q.device() != device || q.fd() != fd || queues[s] != null || retired[s]) {
            return -1; // a closed queue (its device forgets it before closing) is never registered again
        }
        if (!update(s, fd)) {
            return -1;
        }
        queues[s] = q;
        fds[s] = fd;
        return s;
    }

    /** Unregisters {@code q}'s file; its device calls this before it closes the fd. */
    synchronized void forget(TapQueue q) {
        int s = q.id() & (SLOTS - 1);
        if (enabled && queues[s] == q && !update(s, -1)) {
            close(); // the file must not outlive its fd: drop the whole table, and use fds from now on
        }
        if (queues[s] == q) {
            queues[s] = null;
            fds[s] = -1;
            retired[s] = true;
            anyRetired = true;
        }
    }

    /**
     * Called by the ring's own thread once every staged operation has completed or was dropped:
     * nothing names a retired slot any more, so they can take queues again. One volatile read when
     * no slot was retired.
     */
    void settled() {
        if (anyRetired) {
            release();
        }
    }

    private synchronized void release() {
        Arrays.fill(retired, false);
        anyRetired = false;
    }

    /** Releases every registered file now; called before the ring's fd is closed. */
    synchronized void close() {
        if (enabled) {
            enabled = false;
            LibC.syscall(SYS_REGISTER, ringFd, UNREGISTER_FILES, 0, 0, 0, 0);
        }
        Arrays.fill(queues, null);
        Arrays.fill(fds, -1);
    }

    private boolean update(int slot, int fd) {
        update.setInt(0, slot); // offset
        update.setInt(4, 0); // resv
        update.setLong(8, Pointer.nativeValue(update) + 16); // fds
        update.setInt(16, fd);
        return LibC.syscall(SYS_REGISTER, ringFd, REGISTER_FILES_UPDATE, Pointer.nativeValue(update), 1, 0, 0) == 1;
    }
}
