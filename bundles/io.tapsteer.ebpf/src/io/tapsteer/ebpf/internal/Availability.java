package io.tapsteer.ebpf.internal;

import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;

/**
 * Whether this process may load eBPF programs, decided by loading "r0 = 0; exit". Asked per call
 * (cheap, and capabilities are per thread); {@link #KILL_SWITCH} turns kernel steering off.
 */
public final class Availability {
    private Availability() {
    }

    /** System property that turns kernel steering off. */
    public static final String KILL_SWITCH = "tapsteer.ebpf.disable";

    /** @return "" when programs load, else why not in words */
    public static String cause() {
        if (Boolean.getBoolean(KILL_SWITCH)) {
            return "turned off by -D" + KILL_SWITCH + "=true";
        }
        int fd;
        try {
            fd = Bpf.tryLoad("ts_probe", new Asm().ret(0).assemble());
        } catch (Throwable t) {
            return "the JNA native library cannot load: " + t;
        }
        if (fd < 0) {
            int errno = -fd;
            return "bpf(BPF_PROG_LOAD) fails with " + Errno.name(errno) + ": " + Errors.advice("bpf(BPF_PROG_LOAD)", errno);
        }
        LibC.close(fd);
        return "";
    }
}
