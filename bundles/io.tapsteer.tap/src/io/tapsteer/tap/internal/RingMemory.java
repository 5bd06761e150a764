package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The memory of one io_uring instance: the ring fd from {@code io_uring_setup} and the three shared
 * mappings (submission ring, completion ring, submission entries), with the offsets the kernel
 * reported for the ring fields. {@link IoUring} fills and reads them.
 */
final class RingMemory {
    /** io_uring_setup: numbered after the unified syscall table, the same on every architecture. */
    private static final long SYS_SETUP = 425;
    private static final long OFF_SQ_RING = 0;
    private static final long OFF_CQ_RING = 0x8000000L;
    private static final long OFF_SQES = 0x10000000L;
    private static final int FEAT_SINGLE_MMAP = 1;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;
    static final int SQE_BYTES = 64;
    static final int CQE_BYTES = 16;

    final int fd;
    final int entries;
    final ByteBuffer sq;
    final ByteBuffer cq;
    final ByteBuffer sqes;
    final int sqTailAt;
    final int sqMask;
    final int cqHeadAt;
    final int cqTailAt;
    final int cqMask;
    final int cqesAt;
    private final Mapping sqMap;
    private final Mapping cqMap;
    private final Mapping sqeMap;

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
     * Sets up a ring of at least {@code entries} entries.
     *
     * @param subject what the ring serves, for messages
     * @throws UnsupportedOperationException when the kernel has no usable io_uring, saying why
     */
    static RingMemory setUp(int entries, String subject) {
        Memory params = new Memory(120); // struct io_uring_params
        params.clear();
        long fd = LibC.syscall(SYS_SETUP, entries, Pointer.nativeValue(params), 0);
        if (fd < 0) {
            int errno = Errors.errno();
            throw new UnsupportedOperationException("batched I/O needs io_uring, and io_uring_setup failed with "
                    + Errno.name(errno) + ": " + unavailable(errno) + "; tapsteer falls back to one system call per frame");
        }
        try {
            return new RingMemory((int) fd, params, subject);
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

    private RingMemory(int fd, Memory p, String subject) {
        this.fd = fd;
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
                sqm = map(Math.max(sqSize, cqSize), OFF_SQ_RING, subject);
                cqm = new Mapping(0, 0); // the same mapping: unmapped once, through sqm
            } else {
                sqm = map(sqSize, OFF_SQ_RING, subject);
                cqm = map(cqSize, OFF_CQ_RING, subject);
            }
            sqem = map((long) SQE_BYTES * sqEntries, OFF_SQES, subject);
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
        this.entries = sqEntries;
        this.sqTailAt = p.getInt(44);
        this.sqMask = sq.getInt(p.getInt(48));
        this.cqHeadAt = p.getInt(80);
        this.cqTailAt = p.getInt(84);
        this.cqMask = cq.getInt(p.getInt(88));
        for (int i = 0; i < sqEntries; i++) {
            sq.putInt(sqArrayAt + 4 * i, i); // entry i of the ring is always SQE i: set once
        }
    }

    private Mapping map(long size, long offset, String subject) {
        long a = LibC.mmap(0, size, PROT_READ_WRITE, MAP_SHARED_POPULATE, fd, offset);
        if (a == -1L) {
            throw Errors.fail("mmap(io_uring)", subject);
        }
        return new Mapping(a, size);
    }

    /** Unmaps the rings and closes the ring fd; nothing may touch the buffers afterwards. */
    void release() {
        sqeMap.unmap();
        cqMap.unmap();
        sqMap.unmap();
        LibC.close(fd);
    }
}
