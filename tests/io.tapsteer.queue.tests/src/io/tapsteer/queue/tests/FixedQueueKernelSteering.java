package io.tapsteer.queue.tests;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.tap.sys.LibC;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small real kernel steering for tests, until the ebpf bundle is in the runtime: it loads a
 * two-instruction socket-filter program "return queue" with bpf(2) and attaches it with
 * TUNSETSTEERINGEBPF, so the kernel itself puts every frame on one queue. FIXED_QUEUE programs only.
 */
final class FixedQueueKernelSteering implements KernelSteering {
    private static final long SYS_BPF = 321;
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_TYPE_SOCKET_FILTER = 1;
    private final Map<TapDevice, Integer> programs = new HashMap<>();

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String unavailabilityCause() {
        return "";
    }

    @Override
    public synchronized KernelSteeringStatus attach(TapDevice device, KernelProgram program, String owner) {
        if (program.kind() != KernelProgram.Kind.FIXED_QUEUE) {
            throw new IllegalArgumentException("this test steering loads fixed-queue programs only, not " + program);
        }
        int fd = load(program.queue());
        device.setSteeringProgram(fd);
        Integer old = programs.put(device, fd);
        if (old != null) {
            LibC.close(old);
        }
        return new KernelSteeringStatus(device.name(), owner, program, fd, 2, Instant.now(), "");
    }

    @Override
    public synchronized void detach(TapDevice device, String owner) {
        Integer fd = programs.remove(device);
        if (fd != null) {
            device.setSteeringProgram(-1);
            LibC.close(fd);
        }
    }

    @Override
    public Optional<KernelSteeringStatus> status(TapDevice device) {
        return Optional.empty();
    }

    @Override
    public List<KernelSteeringStatus> statuses() {
        return List.of();
    }

    /** r0 = queue; exit. */
    private static int load(int queue) {
        try (Memory insns = new Memory(16); Memory license = new Memory(4); Memory attr = new Memory(128)) {
            insns.clear();
            insns.setByte(0, (byte) 0xb7); // BPF_ALU64 | BPF_MOV | BPF_K, dst r0
            insns.setInt(4, queue);
            insns.setByte(8, (byte) 0x95); // BPF_JMP | BPF_EXIT
            license.setString(0, "GPL", StandardCharsets.US_ASCII.name());
            attr.clear();
            attr.setInt(0, BPF_PROG_TYPE_SOCKET_FILTER);
            attr.setInt(4, 2);
            attr.setLong(8, Pointer.nativeValue(insns));
            attr.setLong(16, Pointer.nativeValue(license));
            long fd = LibC.syscall(SYS_BPF, BPF_PROG_LOAD, Pointer.nativeValue(attr), 128);
            if (fd < 0) {
                throw new IllegalStateException("bpf(BPF_PROG_LOAD) failed: errno " + Native.getLastError());
            }
            return (int) fd;
        }
    }
}
