package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.BatchIo;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds out once what this kernel and process offer: tun itself, TUNGETFEATURES, CAP_NET_ADMIN,
 * the tun RSS ioctls of the virtio-net RSS series, and whether a steering eBPF program loads and
 * attaches. Works in a throw-away private namespace so nothing is visible outside.
 */
public final class Probe {
    private static final int CAP_NET_ADMIN = 12;
    /** System property that turns the native binding off (for tests of the "unavailable" path). */
    public static final String KILL_SWITCH = "tapsteer.tap.disable";

    private Probe() {
    }

    /** @return the features, never throws */
    public static TapFeatures run() {
        String release = readFirstLine("/proc/sys/kernel/osrelease");
        boolean netAdmin = hasCapability(CAP_NET_ADMIN);
        if (Boolean.getBoolean(KILL_SWITCH)) {
            return new TapFeatures(false, "turned off by -D" + KILL_SWITCH + "=true", 0, netAdmin, TapOptions.MAX_QUEUES,
                    false, "not probed", false, "not probed", release, false, "not probed");
        }
        try {
            LibC.load();
        } catch (Throwable t) {
            return new TapFeatures(false, "the JNA native library cannot load: " + t, 0, netAdmin,
                    TapOptions.MAX_QUEUES, false, "not probed", false, "not probed", release, false, "not probed");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return new TapFeatures(false, Errors.advice("open(/dev/net/tun)", Errno.ENOENT), 0, netAdmin,
                    TapOptions.MAX_QUEUES, false, "not probed", false, "not probed", release, false, "not probed");
        }
        try (ThreadNetNamespace ns = ThreadNetNamespace.createPrivate("probe")) {
            return ns.call(() -> probeInNamespace(netAdmin, release));
        } catch (RuntimeException e) {
            return new TapFeatures(false, e.getMessage(), 0, netAdmin, TapOptions.MAX_QUEUES, false,
                    "not probed", false, "not probed", release, false, "not probed");
        }
    }

    private static TapFeatures probeInNamespace(boolean netAdmin, String release) {
        try (NativeTapDevice tap = NativeTapDevice.open(TapOptions.builder().name("probe%d").queues(1).up(false).build(), null, null);
             Memory m = new Memory(8)) {
            int fd = tap.queues().get(0).fd();
            m.clear();
            int features = LibC.ioctl(fd, Tun.TUNGETFEATURES, Pointer.nativeValue(m)) == 0 ? m.getInt(0) : 0;
            boolean rss = LibC.ioctl(fd, Tun.TUNGETVNETHASHCAP, Pointer.nativeValue(m)) == 0;
            String rssDetail = rss ? String.format("TUNGETVNETHASHCAP answers (types 0x%x)", m.getInt(4))
                    : "not available: TUNGETVNETHASHCAP fails with " + Errno.name(Errors.errno())
                    + " (tun RSS is not in this kernel; tapsteer steers with eBPF instead)";
            String ebpf;
            boolean ebpfOk = false;
            int prog = loadReturnZeroProgram();
            if (prog < 0) {
                int errno = -prog;
                ebpf = "not available: bpf(BPF_PROG_LOAD) fails with " + Errno.name(errno) + ": " + Errors.advice("bpf", errno);
            } else {
                try {
                    tap.setSteeringProgram(prog);
                    tap.setSteeringProgram(-1);
                    ebpf = "available: a socket-filter program loads and attaches with TUNSETSTEERINGEBPF";
                    ebpfOk = true;
                } catch (RuntimeException e) {
                    ebpf = "not available: " + e.getMessage();
                } finally {
                    LibC.close(prog);
                }
            }
            String batch;
            boolean batchOk = false;
            try (BatchIo io = tap.newBatchIo(1)) {
                boolean fixed = io instanceof IoUring ring && ring.registersFiles();
                batch = "available: " + io + " (io_uring: one kernel crossing per batch of frames"
                        + (fixed ? ", queues as registered files)" : "; queues by fd: this kernel refused a table of registered files)");
                batchOk = true;
            } catch (UnsupportedOperationException | TapException e) {
                batch = "not available: " + e.getMessage();
            }
            return new TapFeatures(true, "tap creation works", features, netAdmin, TapOptions.MAX_QUEUES, rss, rssDetail,
                    ebpfOk, ebpf, release, batchOk, batch);
        }
    }

    /** @return a program fd, or -errno: BPF_PROG_LOAD of "r0 = 0; exit" as a socket filter */
    static int loadReturnZeroProgram() {
        return loadConstantProgram(0);
    }

    /**
     * @param value what the program returns (for steering: the queue, modulo the queue count)
     * @return a program fd, or -errno: BPF_PROG_LOAD of "r0 = value; exit" as a socket filter
     */
    public static int loadConstantProgram(int value) {
        try (Memory insns = new Memory(16); Memory license = new Memory(4); Memory attr = new Memory(128)) {
            insns.clear();
            insns.setByte(0, (byte) 0xb7); // BPF_ALU64 | BPF_MOV | BPF_K, r0 = value
            insns.setInt(4, value);
            insns.setByte(8, (byte) 0x95); // BPF_JMP | BPF_EXIT
            license.write(0, "GPL\0".getBytes(StandardCharsets.US_ASCII), 0, 4);
            attr.clear();
            attr.setInt(0, 1); // BPF_PROG_TYPE_SOCKET_FILTER
            attr.setInt(4, 2); // insn_cnt
            attr.setLong(8, Pointer.nativeValue(insns));
            attr.setLong(16, Pointer.nativeValue(license));
            long fd = LibC.syscall(LibC.SYS_BPF, 5 /* BPF_PROG_LOAD */, Pointer.nativeValue(attr), 128);
            return fd < 0 ? -Errors.errno() : (int) fd;
        }
    }

    static boolean hasCapability(int cap) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long eff = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (eff & (1L << cap)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    private static String readFirstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).get(0).trim();
        } catch (IOException | IndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** @return a multi-line human report of the features, as {@code ./tapsteer probe} prints it */
    public static String report(TapFeatures f) {
        StringBuilder b = new StringBuilder();
        b.append("kernel            ").append(f.kernelRelease()).append('\n');
        b.append("tun               ").append(f.tunAvailable() ? "available" : "NOT available").append(": ").append(f.tunDetail()).append('\n');
        b.append("tun features      ").append(String.format("0x%04x", f.features())).append(' ').append(Tun.describeFlags(f.features())).append('\n');
        b.append("queue limit       ").append(f.maxQueues()).append(" queues per tap\n");
        b.append("CAP_NET_ADMIN     ").append(f.netAdmin() ? "present" : "absent: run as root or grant the capability").append('\n');
        b.append("tun RSS ioctls    ").append(f.rssDetail()).append('\n');
        b.append("steering eBPF     ").append(f.steeringEbpfDetail()).append('\n');
        b.append("batched I/O       ").append(f.batchIoDetail()).append('\n');
        return b.toString();
    }

    /** Prints the report; exit code 0 when taps can be made, 2 when not. */
    public static void main(String[] args) {
        TapFeatures f = run();
        System.out.print(report(f));
        System.exit(f.tunAvailable() ? 0 : 2);
    }
}
