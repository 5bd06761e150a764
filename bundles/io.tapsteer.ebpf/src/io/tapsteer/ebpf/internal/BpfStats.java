package io.tapsteer.ebpf.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;

/**
 * How often a loaded program ran: bpf(BPF_ENABLE_STATS) turns the kernel's run counters on for as
 * long as its fd stays open (it costs every program on the host a clock read per run, so it is on
 * only while something is watched), and BPF_OBJ_GET_INFO_BY_FD reads {@code run_cnt}. Layouts
 * (x86_64): BPF_ENABLE_STATS attr u32 type @0; BPF_OBJ_GET_INFO_BY_FD attr u32 bpf_fd @0,
 * u32 info_len @4, u64 info @8; struct bpf_prog_info (232 bytes) u64 run_cnt @200.
 */
public final class BpfStats {
    private static final int OBJ_GET_INFO_BY_FD = 15;
    private static final int ENABLE_STATS = 32;
    private static final int STATS_RUN_TIME = 0;
    private static final int ATTR_SIZE = 128;
    private static final int INFO_SIZE = 232;
    private static final int RUN_CNT = 200;

    private BpfStats() {
    }

    /**
     * @return an fd that keeps run counters on until closed
     * @throws io.tapsteer.api.tap.TapException EPERM without CAP_SYS_ADMIN
     */
    public static int enable() {
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            attr.setInt(0, STATS_RUN_TIME);
            long fd = LibC.syscall(LibC.SYS_BPF, ENABLE_STATS, Pointer.nativeValue(attr), ATTR_SIZE);
            if (fd < 0) {
                throw Errors.fail("bpf(BPF_ENABLE_STATS)", "the programs' run counters");
            }
            return (int) fd;
        }
    }

    /** @return how often the program ran while counters were on, -1 when its info cannot be read */
    public static long runCount(int programFd) {
        try (Memory attr = new Memory(ATTR_SIZE); Memory info = new Memory(INFO_SIZE)) {
            attr.clear();
            info.clear();
            attr.setInt(0, programFd);
            attr.setInt(4, INFO_SIZE);
            attr.setLong(8, Pointer.nativeValue(info));
            if (LibC.syscall(LibC.SYS_BPF, OBJ_GET_INFO_BY_FD, Pointer.nativeValue(attr), ATTR_SIZE) < 0) {
                return -1;
            }
            return info.getLong(RUN_CNT);
        }
    }
}
