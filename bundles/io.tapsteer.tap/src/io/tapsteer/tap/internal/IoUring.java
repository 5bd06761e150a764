package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
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
    /** io_uring_setup / io_uring_enter: numbered after the unified syscall table, the same on every architecture. */
    private static final long SYS_SETUP = 425;
    private static final long SYS_ENTER = 426;
    private static final byte OP_READ = 22;
    private static final byte OP_WRITE = 23;
    private static final int ENTER_GETEVENTS = 1;
    private static final byte FIXED_FILE = 1;
    private static final int RWF_NOWAIT = 0x8;
    private static final long OFF_SQ_RING = 0;
    private static final long OFF_CQ_RING = 0x8000000L;
    private static final long OFF_SQES = 0x10000000L;
    private static final int FEAT_SINGLE_MMAP = 1;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;
    private static final int SQE_BYTES = 64;
    private static final int CQE_BYTES = 16;
    private static final int MAX_ENTER_RETRIES = 10_000;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final String subject;
    private final int ringFd;
    private final Mapping sqMap;
    private final Mapping cqMap;
    private final Mapping sqeMap;
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

    private record Mapping(long address, long size) {
        ByteBuffer buffer() {
            return new Pointer(address).getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        }

        void unmap() {
            if (address != 0) {
                LibC.munmap(address, size);
            }
        }
    }

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
    static IoUring open(int capacity, String subject, Object device, Consumer<IoUring> onClose) {
        if (capacity < 1 || capacity > 4096) {
            throw new IllegalArgumentException("a batch of " + capacity + " operations is out of range: 1 to 4096");
        }
        Memory params = new Memory(120); // struct io_uring_params
        params.clear();
        long fd = LibC.syscall(SYS_SETUP, capacity, Pointer.nativeValue(params), 0);
        if (fd < 0) {
            int errno = Errors.errno();
            throw new UnsupportedOperationException("batched I/O needs io_uring, and io_uring_setup failed with "
                    + Errno.name(errno) + ": " + unavailable(errno) + "; tapsteer falls back to one system call per frame");
        }
        try {
            return new IoUring((int) fd, params, capacity, subject, device, onClose);
        } catch (RuntimeException e) {
            LibC.close((int) fd);
            throw e;
        }
    }

    private static String unavailable(int errno) {
        switch (errno) {
            case Errno.ENOSYS:
                return "this kernel has no io_uring (Linux 5.1 or later, CONFIG_IO_URING)";
            case Errno.EPERM:
            case Errno.EACCES:
                return "io_uring is disabled (sysctl kernel.io_uring_disabled) or blocked by a seccomp profile";
            case Errno.ENOMEM:
                return "not enough locked memory for the rings (ulimit -l)";
            default:
                return "the kernel refused the ring";
        }
    }

    private IoUring(int ringFd, Memory p, int capacity, String subject, Object device, Consumer<IoUring> onClose) {
        this.ringFd = ringFd;
        this.subject = subject;
        this.onClose = onClose;
        int sqEntries = p.getInt(0);
        int cqEntries = p.getInt(4);
        int features = p.getInt(20);
        int sqArrayAt = p.getInt(64);
        this.cqesAt = p.getInt(100);
        long sqSize = sqArrayAt + 4L * sqEntries;
        long cqSize = cqesAt + (long) CQE_BYTES * cqEntries;
        Mapping sqm = null;
        Mapping cqm = null;
        Mapping sqem = null;
        try {
            if ((features & FEAT_SINGLE_MMAP) != 0) {
                sqm = map(Math.max(sqSize, cqSize), OFF_SQ_RING);
                cqm = new Mapping(0, 0); // the same mapping: unmapped once, through sqm
            } else {
                sqm = map(sqSize, OFF_SQ_RING);
                cqm = map(cqSize, OFF_CQ_RING);
            }
            sqem = map((long) SQE_BYTES * sqEntries, OFF_SQES);
        } catch (RuntimeException e) {
            for (Mapping m : new Mapping[] {sqm, cqm, sqem}) {
                if (m != null) {
                    m.unmap();
                }
            }
            throw e;
        }
        this.sqMap = sqm;
        this.cqMap = cqm;
        this.sqeMap = sqem;
        this.sq = sqm.buffer();
        this.cq = cqm.address() == 0 ? sq : cqm.buffer();
        this.sqes = sqem.buffer();
        this.sqTailAt = p.getInt(44);
        this.sqMask = sq.getInt(p.getInt(48));
        this.cqHeadAt = p.getInt(80);
        this.cqTailAt = p.getInt(84);
        this.cqMask = cq.getInt(p.getInt(88));
        this.sqTail = sq.getInt(sqTailAt);
        this.cqHead = cq.getInt(cqHeadAt);
        for (int i = 0; i < sqEntries; i++) {
            sq.putInt(sqArrayAt + 4 * i, i); // entry i of the ring is always SQE i: set once
        }
        this.capacity = Math.min(capacity, sqEntries);
        this.results = new int[this.capacity];
        this.lengths = new int[this.capacity];
        this.writes = new boolean[this.capacity];
        this.queues = new TapQueue[this.capacity];
        this.files = new RegisteredFiles(ringFd, device);
    }

    private Mapping map(long size, long offset) {
        long a = LibC.mmap(0, size, PROT_READ_WRITE, MAP_SHARED_POPULATE, ringFd, offset);
        if (a == -1L) {
            throw Errors.fail("mmap(io_uring)", subject);
        }
        return new Mapping(a, size);
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
        int at = ((sqTail + staged) & sqMask) * SQE_BYTES; // bytes 40-63 stay zero from the kernel's pages
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
                boolean transient_ = errno == Errno.EINTR || errno == Errno.EAGAIN || errno == Errno.EBUSY;
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
        return ok;
    }

    /** Takes every completion posted so far; each carries its operation's index. */
    private int reap() {
        int h = cqHead;
        int t = (int) INT.getAcquire(cq, cqTailAt);
        int c = 0;
        while (h != t) {
            int at = cqesAt + (h & cqMask) * CQE_BYTES;
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
        if (r >= 0 || (r == -Errno.EAGAIN && !writes[i]) || queues[i] == null) {
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
        sqeMap.unmap();
        cqMap.unmap();
        sqMap.unmap();
        LibC.close(ringFd);
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
