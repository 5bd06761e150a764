package io.tapsteer.ebpf.internal;

import io.tapsteer.api.tap.TapException;
import io.tapsteer.tap.sys.LibC;

/**
 * The connect4 and connect6 programs of a loopback gate, loaded and linked to the root of the
 * cgroup v2 hierarchy ({@link CgroupRoot}). Owns the program and link fds.
 */
public final class GateLinks implements AutoCloseable {
    private final int[] fds;
    private boolean closed;

    private GateLinks(int[] fds) {
        this.fds = fds;
    }

    /**
     * @return the two programs, attached
     * @throws IllegalStateException in words: no cgroup v2 mounted, or the kernel refused
     */
    public static GateLinks attach(String name, Asm ipv4, Asm ipv6) {
        int dir = CgroupRoot.open();
        int[] fds = {-1, -1, -1, -1};
        try {
            fds[0] = Bpf.loadProgram(Bpf.PROG_TYPE_CGROUP_SOCK_ADDR, Bpf.CGROUP_INET4_CONNECT, name, ipv4.assemble());
            fds[1] = Bpf.link(fds[0], dir, Bpf.CGROUP_INET4_CONNECT, "the connect4 program on the cgroup v2 root");
            fds[2] = Bpf.loadProgram(Bpf.PROG_TYPE_CGROUP_SOCK_ADDR, Bpf.CGROUP_INET6_CONNECT, name, ipv6.assemble());
            fds[3] = Bpf.link(fds[2], dir, Bpf.CGROUP_INET6_CONNECT, "the connect6 program on the cgroup v2 root");
            return new GateLinks(fds);
        } catch (TapException e) {
            for (int fd : fds) {
                Bpf.closeQuietly(fd);
            }
            throw new IllegalStateException("the kernel refused the connect programs on the cgroup v2 root: " + e.getMessage(), e);
        } finally {
            LibC.close(dir);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            for (int i = fds.length - 1; i >= 0; i--) {
                Bpf.closeQuietly(fds[i]);
            }
        }
    }
}
