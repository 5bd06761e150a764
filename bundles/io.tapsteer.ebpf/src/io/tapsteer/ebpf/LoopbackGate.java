package io.tapsteer.ebpf;

import io.tapsteer.ebpf.internal.Asm;
import io.tapsteer.ebpf.internal.ConnectGateProgram;
import io.tapsteer.ebpf.internal.GateLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a loopback TCP port for this process's user: other users' connect(2) to it fails with
 * EPERM. A management port bound to 127.0.0.1 is otherwise open to every local user, and what
 * answers there acts as root. Two cgroup eBPF programs (connect4, connect6) on the root of the
 * cgroup v2 hierarchy look at each connect: to the gated port on 127.0.0.1 or 0.0.0.0 (or their
 * IPv4-mapped IPv6 forms), only the owner's uid passes. They are attached through BPF links,
 * which live with their fds: {@link #close()}, or the process ending however it ends, opens the
 * port again.
 */
public final class LoopbackGate implements AutoCloseable {
    private final int port;
    private final GateLinks links;

    private LoopbackGate(int port, GateLinks links) {
        this.port = port;
        this.links = links;
    }

    /**
     * @param port a loopback TCP port, 1 to 65535
     * @return the gate, closed by {@link #close()}
     * @throws IllegalStateException saying why the port cannot be kept (no cgroup v2 hierarchy
     *         mounted, eBPF not allowed), so that the caller does not open it unkept
     */
    public static LoopbackGate keep(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port: allowed is 1 to 65535");
        }
        int owner = ownerUid();
        Asm v4 = ConnectGateProgram.ipv4(port, owner);
        Asm v6 = ConnectGateProgram.ipv6(port, owner);
        return new LoopbackGate(port, GateLinks.attach("ts_gate" + port, v4, v6));
    }

    /** @return the gated port */
    public int port() {
        return port;
    }

    /** Opens the port to every local user again; idempotent. */
    @Override
    public void close() {
        links.close();
    }

    private static int ownerUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("this process's user cannot be read from /proc/self: " + e.getMessage(), e);
        }
    }
}
