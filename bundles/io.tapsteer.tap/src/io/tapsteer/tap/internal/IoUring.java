package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * {@link BatchIo} on io_uring, through the raw system calls (no liburing): one submission ring, one
 * completion ring, a batch of read/write entries, one {@code io_uring_enter} that submits them and
 * waits for all of them.
 *
 * <p>Why: tun moves exactly one frame per read(2)/write(2), and a JNA call costs several hundred
 * nanoseconds on top of the system call; a batch of 64 frames in one crossing pays that once. A
 * read with nothing to read must complete at once with EAGAIN: O_NONBLOCK on the fd is not enough
 * (tun supports non-blocking I/O, so io_uring would arm a poll and wait for a frame), RWF_NOWAIT on
 * the read is. The entries are not linked: io_uring fails a link on a short
 * read, and every frame shorter than its slot is one. Unlinked entries are issued in submission
 * order during the enter call, so frames land in the slots in the order the queue held them.
 *
 * <p>A ring made by a device names that device's queues by registered slot ("fixed files", see
 * {@link RegisteredFiles}): the kernel then skips the fd look-up and the file reference per operation.
 *
 * <p>The rings are shared memory: entries are filled with plain stores, the submission tail is
 * published with a release store and the completion tail read with an acquire load, the orderings
 * the kernel's io_uring ABI asks for. One thread at a time; nothing is allocated per operation.
 */
public final class IoUring implements BatchIo {
    /** io_uring_enter: numbered after the unified syscall table, the same on every architecture. */
    private static final long SYS_ENTER = 426;
    private static final byte OP_READ = 22;
    private static final byte OP_WRITE = 23;
    private static final int ENTER_GETEVENTS = 1;
    private static final byte FIXED_FILE = 1;
    private static final int RWF_NOWAIT = 0x8;
    private static final int MAX_ENTER_RETRIES = 10_000;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final String subject;
    private final int ringFd;
    private final RingMemory memory;
    private final ByteBuffer sq;
    private final ByteBuffer cq;
    private final ByteBuffer sqes;
    private final int sqTailAt;
    private final int cqHeadAt;
    private final int cqTailAt;
    private final int cqesAt;
    private final int sqMask;
    private final int cqMask;
    private final int capacity;
    private final int[] results;
    private final int[] lengths;
    private final boolean[] writes;
    private final TapQueue[] queues;
    private final DirectAddress address = new DirectAddress();
    private final RegisteredFiles files;
    private final Consumer<IoUring> onClose;
    private int staged;
    private int sqTail;
    private int cqHead;
    private boolean closed;

    /**
     * Sets up a ring.
     *
     * @param capacity most operations per batch, 1 to 4096
     * @param subject what the ring serves, for messages (e.g. {@code tap "lab0"})
     * @param device the device whose queues the ring may register as fixed files (it must call
     *        {@link #forget} before it closes a queue's fd), or null to register none
     * @param onClose told when the ring closes
     * @throws UnsupportedOperationException when the kernel has no usable io_uring, saying why
     */
    static IoUring open(int capacity, String subject, TapDevice device, Consumer<IoUring> onClose) {
        if (capacity < 1 || capacity > 4096) {
            throw new IllegalArgumentException("a batch of " + capacity + " operations is out of range: 1 to 4096");
        }
        RingMemory m = RingMemory.setUp(capacity, subject);
        try {
            return new IoUring(m, capacity, subject, device, onClose);
        } catch (RuntimeException | Error e) {
            m.release();
            throw e;
        }
    }

    private IoUring(RingMemory m, int capacity, String subject, TapDevice device, Consumer<IoUring> onClose) {
        this.memory = m;
        this.ringFd = m.fd;
        this.subject = subject;
        this.onClose = onClose;
        // copied into this object's own final fields: staging and reaping read them without going
        // through the memory object on every operation
        this.sq = m.sq;
        this.cq = m.cq;
        this.sqes = m.sqes;
        this.sqTailAt = m.sqTailAt;
        this.sqMask = m.sqMask;
        this.cqHeadAt = m.cqHeadAt;
        this.cqTailAt = m.cqTailAt;
        this.cqMask = m.cqMask;
        this.cqesAt = m.cqesAt;
        this.sqTail = sq.getInt(sqTailAt);
        this.cqHead = cq.getInt(cqHeadAt);
        this.capacity = Math.min(capacity, m.entries);
        this.results = new int[this.capacity];
        this.lengths = new int[this.capacity];
        this.writes = new boolean[this.capacity];
        this.queues = new TapQueue[this.capacity];
        this.files = new RegisteredFiles(ringFd, device);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int staged() {
        return staged;
    }

    @Override
    public void read(TapQueue queue, ByteBuffer buffer, int offset, int length) {
        stage(OP_READ, queue, buffer, offset, length);
    }

    @Override
    public void write(TapQueue queue, ByteBuffer buffer, int offset, int length) {
        stage(OP_WRITE, queue, buffer, offset, length);
    }

    private void stage(byte op, TapQueue queue, ByteBuffer buffer, int offset, int length) {
        if (staged == capacity) {
            throw new IllegalStateException("the batch is full (" + capacity + " operations): submit it first");
        }
        if (closed) {
            throw Errors.fail("io_uring", subject, Errno.EBADF);
        }
        DirectAddress.checkRange(buffer, offset, length);
        int fd = queue.fd();
        if (fd < 0) {
            throw Errors.fail(op == OP_READ ? "read" : "write", subject + " queue " + queue.id(), Errno.EBADF);
        }
        int at = ((sqTail + staged) & sqMask) * RingMemory.SQE_BYTES; // bytes 40-63 stay zero from the kernel's pages
        int slot = files.slot(queue, fd);
        sqes.put(at, op);
        sqes.put(at + 1, slot >= 0 ? FIXED_FILE : (byte) 0); // no link flag: see the class comment
        sqes.putShort(at + 2, (short) 0);
        sqes.putInt(at + 4, slot >= 0 ? slot : fd);
        sqes.putLong(at + 8, -1L); // offset: the file's own position (tun has none)
        sqes.putLong(at + 16, address.of(buffer) + offset);
        sqes.putInt(at + 24, length);
        sqes.putInt(at + 28, op == OP_READ ? RWF_NOWAIT : 0); // see the class comment
        sqes.putLong(at + 32, staged); // user_data: the operation's index
        lengths[staged] = length;
        writes[staged] = op == OP_WRITE;
        queues[staged] = queue;
        staged++;
    }

    @Override
    public void clear() {
        staged = 0; // nothing was published to the kernel yet
        files.settled();
    }

    @Override
    public int submit() {
        if (closed) {
            throw Errors.fail("io_uring_enter", subject, Errno.EBADF);
        }
        int n = staged;
        if (n == 0) {
            return 0;
        }
        sqTail += n;
        INT.setRelease(sq, sqTailAt, sqTail);
        staged = 0;
        int submitted = 0;
        int completed = 0;
        for (int tries = 0; completed < n; tries++) {
            long r = LibC.syscall(SYS_ENTER, ringFd, n - submitted, n - completed, ENTER_GETEVENTS, 0, 0);
            if (r >= 0) {
                submitted += (int) r;
            } else {
                int errno = Errors.errno();
                boolean transient_ = Errno.wouldBlock(errno) || errno == Errno.EBUSY;
                if (!transient_ || tries == MAX_ENTER_RETRIES) {
                    throw Errors.fail("io_uring_enter", subject, errno);
                }
            }
            completed += reap();
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            ok += results[i] > 0 && (!writes[i] || results[i] == lengths[i]) ? 1 : 0;
        }
        files.settled(); // every operation of the batch has completed: no slot it named is in use
        return ok;
    }

    /** Takes every completion posted so far; each carries its operation's index. */
    private int reap() {
        int h = cqHead;
        int t = (int) INT.getAcquire(cq, cqTailAt);
        int c = 0;
        while (h != t) {
            int at = cqesAt + (h & cqMask) * RingMemory.CQE_BYTES;
            long i = cq.getLong(at);
            if (i >= 0 && i < capacity) {
                results[(int) i] = cq.getInt(at + 8);
            }
            h++;
            c++;
        }
        cqHead = h;
        INT.setRelease(cq, cqHeadAt, h);
        return c;
    }

    @Override
    public int result(int i) {
        if (i < 0 || i >= capacity) {
            throw new IndexOutOfBoundsException("operation " + i + " is outside the batch of " + capacity);
        }
        return results[i];
    }

    @Override
    public TapException error(int i) {
        int r = result(i);
        if (r >= 0 || (!writes[i] && Errno.wouldBlock(-r)) || queues[i] == null) {
            return null;
        }
        String what = queues[i] instanceof NativeTapQueue q ? q.subject() : subject + " queue " + queues[i].id();
        return Errors.fail(writes[i] ? "write" : "read", what, -r);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        staged = 0;
        files.close();
        memory.release();
        onClose.accept(this);
    }

    /** Lets go of {@code queue}'s file if the ring registered it: its device is about to close the fd. */
    void forget(TapQueue queue) {
        files.forget(queue);
    }

    /** @return whether the ring names its device's queues by registered slot (fixed files) */
    public boolean registersFiles() {
        return files.enabled();
    }

    @Override
    public String toString() {
        return "io_uring batch of " + capacity + " for " + subject;
    }
}
