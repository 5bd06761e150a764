package io.tapsteer.ebpf.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) commands tapsteer uses, over the raw system call (no libbpf). Layouts of union
 * bpf_attr (x86_64) as used here:
 * <ul>
 * <li>BPF_MAP_CREATE: u32 map_type @0, key_size @4, value_size @8, max_entries @12, map_flags @16,
 * char map_name[16] @28.</li>
 * <li>BPF_MAP_*_ELEM: u32 map_fd @0, u64 key @8, u64 value @16, u64 flags @24.</li>
 * <li>BPF_OBJ_PIN / BPF_OBJ_GET: u64 pathname @0, u32 bpf_fd @8, u32 file_flags @12.</li>
 * <li>BPF_PROG_LOAD: u32 prog_type @0, insn_cnt @4, u64 insns @8, u64 license @16, u32 log_level @24,
 * log_size @28, u64 log_buf @32, u32 kern_version @40, prog_flags @44, char prog_name[16] @48.</li>
 * </ul>
 * The attr passed is shorter than the kernel's union; the kernel treats the rest as zero.
 */
public final class Bpf {
    private Bpf() {
    }

    /** BPF_MAP_CREATE. */ public static final int MAP_CREATE = 0;
    /** BPF_MAP_LOOKUP_ELEM. */ public static final int MAP_LOOKUP_ELEM = 1;
    /** BPF_MAP_UPDATE_ELEM. */ public static final int MAP_UPDATE_ELEM = 2;
    /** BPF_PROG_LOAD. */ public static final int PROG_LOAD = 5;
    /** BPF_OBJ_PIN. */ public static final int OBJ_PIN = 6;
    /** BPF_OBJ_GET. */ public static final int OBJ_GET = 7;
    /** BPF_MAP_TYPE_ARRAY. */ public static final int MAP_TYPE_ARRAY = 2;
    /** BPF_MAP_TYPE_PERCPU_ARRAY: one value per possible CPU, no atomics needed to count. */
    public static final int MAP_TYPE_PERCPU_ARRAY = 6;
    /** BPF_PROG_TYPE_SOCKET_FILTER. */ public static final int PROG_TYPE_SOCKET_FILTER = 1;
    /** BPF_PROG_TYPE_CGROUP_SOCK_ADDR: runs on connect(2) and friends of a cgroup's processes. */
    public static final int PROG_TYPE_CGROUP_SOCK_ADDR = 18;
    /** BPF_LINK_CREATE. */ public static final int LINK_CREATE = 28;
    /** BPF_CGROUP_INET4_CONNECT. */ public static final int CGROUP_INET4_CONNECT = 10;
    /** BPF_CGROUP_INET6_CONNECT. */ public static final int CGROUP_INET6_CONNECT = 11;

    private static final int ATTR_SIZE = 128;
    /** Verifier log buffer: big enough for our programs; the kernel keeps the tail when it overflows. */
    static final int LOG_SIZE = 1 << 20;

    private static long bpf(int cmd, Memory attr) {
        return LibC.syscall(LibC.SYS_BPF, cmd, Pointer.nativeValue(attr), ATTR_SIZE);
    }

    private static void name(Memory attr, int at, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        attr.write(at, n, 0, Math.min(15, n.length));
    }

    /**
     * @return the fd of a new BPF_MAP_TYPE_ARRAY
     * @throws TapException with errno and advice
     */
    static int createArray(String name, int valueSize, int entries) {
        return createArray(MAP_TYPE_ARRAY, name, valueSize, entries);
    }

    /**
     * @param type {@link #MAP_TYPE_ARRAY} or {@link #MAP_TYPE_PERCPU_ARRAY}
     * @return the fd of a new array map of that type
     */
    static int createArray(int type, String name, int valueSize, int entries) {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, type);
            attr.setInt(4, 4);
            attr.setInt(8, valueSize);
            attr.setInt(12, entries);
            name(attr, 28, name);
            long fd = bpf(MAP_CREATE, attr);
            if (fd < 0) {
                throw Errors.fail("bpf(BPF_MAP_CREATE)", "array map " + name + " (" + entries + " x " + valueSize + " bytes)");
            }
            return (int) fd;
        }
    }

    /** Writes one element (BPF_ANY). */
    static void update(int mapFd, String name, int key, Memory value) {
        try (Memory attr = new Memory(ATTR_SIZE); Memory k = new Memory(4)) {
            k.setInt(0, key);
            attr.clear();
            attr.setInt(0, mapFd);
            attr.setLong(8, Pointer.nativeValue(k));
            attr.setLong(16, Pointer.nativeValue(value));
            if (bpf(MAP_UPDATE_ELEM, attr) < 0) {
                throw Errors.fail("bpf(BPF_MAP_UPDATE_ELEM)", "map " + name + " key " + key);
            }
        }
    }

    /** Reads one element into {@code value}. */
    static void lookup(int mapFd, String name, int key, Memory value) {
        try (Memory attr = new Memory(ATTR_SIZE); Memory k = new Memory(4)) {
            k.setInt(0, key);
            attr.clear();
            attr.setInt(0, mapFd);
            attr.setLong(8, Pointer.nativeValue(k));
            attr.setLong(16, Pointer.nativeValue(value));
            if (bpf(MAP_LOOKUP_ELEM, attr) < 0) {
                throw Errors.fail("bpf(BPF_MAP_LOOKUP_ELEM)", "map " + name + " key " + key);
            }
        }
    }

    /**
     * Loads a socket-filter program. A failed load is repeated with the verifier log on, so the
     * error carries the log (a successful load pays nothing for it).
     *
     * @return the program fd
     * @throws VerifierException when the verifier rejects the program, with its log
     * @throws TapException for other failures (EPERM: capabilities)
     */
    static int loadSocketFilter(String name, byte[] insns) {
        return loadProgram(PROG_TYPE_SOCKET_FILTER, 0, name, insns);
    }

    /**
     * Loads a program of any type, repeating a failed load with the verifier log on.
     *
     * @param type BPF_PROG_TYPE_*
     * @param attachType its expected attach type (BPF_CGROUP_*), 0 for types that have none
     * @return the program fd
     * @throws VerifierException when the verifier rejects the program, with its log
     * @throws TapException for other failures (EPERM: capabilities)
     */
    static int loadProgram(int type, int attachType, String name, byte[] insns) {
        int fd = load(type, attachType, name, insns, null);
        if (fd >= 0) {
            return fd;
        }
        int errno = -fd;
        if (errno == Errno.EPERM) {
            throw Errors.fail("bpf(BPF_PROG_LOAD)", "program " + name, errno);
        }
        try (Memory log = new Memory(LOG_SIZE)) {
            log.clear();
            int again = load(type, attachType, name, insns, log);
            if (again >= 0) { // accepted the second time: keep it
                return again;
            }
            String text = log.getString(0, "US-ASCII");
            throw new VerifierException(name, insns.length / Op.INSN_SIZE, -again, text);
        }
    }

    /**
     * Loads a socket-filter program without the verifier log, for asking whether loading works.
     *
     * @return the program fd, or -errno
     */
    static int tryLoad(String name, byte[] insns) {
        return load(PROG_TYPE_SOCKET_FILTER, 0, name, insns, null);
    }

    /** @return fd or -errno */
    private static int load(int type, int attachType, String name, byte[] insns, Memory log) {
        try (Memory code = new Memory(insns.length); Memory license = new Memory(4); Memory attr = new Memory(ATTR_SIZE)) {
            code.write(0, insns, 0, insns.length);
            license.write(0, "GPL\0".getBytes(StandardCharsets.US_ASCII), 0, 4);
            attr.clear();
            attr.setInt(0, type);
            attr.setInt(4, insns.length / Op.INSN_SIZE);
            attr.setLong(8, Pointer.nativeValue(code));
            attr.setLong(16, Pointer.nativeValue(license));
            if (log != null) {
                attr.setInt(24, 1);
                attr.setInt(28, (int) log.size());
                attr.setLong(32, Pointer.nativeValue(log));
            }
            name(attr, 48, name);
            attr.setInt(68, attachType);
            long fd = bpf(PROG_LOAD, attr);
            return fd < 0 ? -Errors.errno() : (int) fd;
        }
    }

    /**
     * Links a program to a target (BPF_LINK_CREATE): it stays attached while the link fd is open,
     * so it goes with the process however the process ends.
     *
     * @param targetFd the target, for cgroup programs an fd of the cgroup's directory
     * @return the link fd
     * @throws TapException with errno and advice
     */
    static int link(int programFd, int targetFd, int attachType, String subject) {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, programFd);
            attr.setInt(4, targetFd);
            attr.setInt(8, attachType);
            long fd = bpf(LINK_CREATE, attr);
            if (fd < 0) {
                throw Errors.fail("bpf(BPF_LINK_CREATE)", subject);
            }
            return (int) fd;
        }
    }

    /** Pins a program or map fd at {@code path} (a file on a bpffs). */
    static void pin(int fd, String path) {
        try (Memory attr = new Memory(ATTR_SIZE); Memory p = new Memory(path.length() * 3L + 1)) {
            p.setString(0, path, "UTF-8");
            attr.clear();
            attr.setLong(0, Pointer.nativeValue(p));
            attr.setInt(8, fd);
            if (bpf(OBJ_PIN, attr) < 0) {
                throw Errors.fail("bpf(BPF_OBJ_PIN)", path);
            }
        }
    }

    /** @return a new fd on the program or map pinned at {@code path} */
    static int objGet(String path) {
        try (Memory attr = new Memory(ATTR_SIZE); Memory p = new Memory(path.length() * 3L + 1)) {
            p.setString(0, path, "UTF-8");
            attr.clear();
            attr.setLong(0, Pointer.nativeValue(p));
            long fd = bpf(OBJ_GET, attr);
            if (fd < 0) {
                throw Errors.fail("bpf(BPF_OBJ_GET)", path);
            }
            return (int) fd;
        }
    }

    /** Closes an fd, ignoring errors (used on cleanup paths). */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
    }
}
