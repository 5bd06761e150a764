package io.tapsteer.ebpf.internal;

import static io.tapsteer.ebpf.internal.Op.R0;
import static io.tapsteer.ebpf.internal.Op.R1;
import static io.tapsteer.ebpf.internal.Op.R10;
import static io.tapsteer.ebpf.internal.Op.R2;
import static io.tapsteer.ebpf.internal.Op.R6;

import com.sun.jna.Memory;
import io.tapsteer.api.tap.KernelQueueCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steering program's own per-queue counters: a BPF_MAP_TYPE_PERCPU_ARRAY of {@link #QUEUES}
 * elements {u64 frames, u64 bytes}, indexed by the queue the program returns. Each CPU counts into
 * its own copy (no atomics, no shared cache line per frame); a read sums the copies. The tun driver
 * uses {@code returned % numqueues}; tapsteer's programs only return queues below numqueues, so the
 * index is the queue the frame was put on.
 *
 * <p>{@link #countExits} appends the counting epilogue to a program: every exit becomes a jump to
 * it, and it returns what the program chose. It needs r6 = the skb at every exit (the programs keep
 * it there for LD_ABS anyway) and uses the stack at {@link #SAVED} and {@link #KEY}.
 */
public final class QueueCounterMap implements AutoCloseable {
    /** Elements: a tap has at most 256 queues. */
    public static final int QUEUES = 256;
    private static final int VALUE = 16;
    /** Stack slot of the returned queue while counting (below every slot the programs use). */
    static final int SAVED = -112;
    /** Stack slot of the map key. */
    static final int KEY = -116;
    private static final int CPUS = possibleCpus();

    private final String name;
    private int fd;

    /** @param name the map's name (up to 15 characters, shown by bpftool) */
    public QueueCounterMap(String name) {
        this.name = name;
        this.fd = Bpf.createArray(Bpf.MAP_TYPE_PERCPU_ARRAY, name, VALUE, QUEUES);
    }

    /** Takes over an fd on an existing counter map (one opened from a bpffs pin). */
    public QueueCounterMap(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** @return the fd, -1 after close */
    public synchronized int fd() {
        return fd;
    }

    /**
     * Routes every exit of {@code a} through the counting epilogue and appends it.
     *
     * @param a a finished program whose exits return the queue with r6 = the skb
     * @param mapFd the counter map
     * @return {@code a}
     */
    public static Asm countExits(Asm a, int mapFd) {
        Asm.Label count = a.label("count");
        Asm.Label done = a.label("counted");
        a.exitsTo(count);
        a.bind(count).stx(Op.DW, R10, SAVED, R0).stx(Op.W, R10, KEY, R0);
        a.ldMapFd(R1, mapFd).mov64Reg(R2, R10).alu64(Op.ADD, R2, KEY).call(Op.FN_MAP_LOOKUP_ELEM);
        a.jmp(Op.JEQ, R0, 0, done);
        a.ldx(Op.DW, R1, R0, 0).alu64(Op.ADD, R1, 1).stx(Op.DW, R0, 0, R1);
        a.ldx(Op.W, R1, R6, Op.SKB_LEN).ldx(Op.DW, R2, R0, 8).alu64Reg(Op.ADD, R2, R1).stx(Op.DW, R0, 8, R2);
        a.bind(done).ldx(Op.DW, R0, R10, SAVED).exit();
        return a;
    }

    /**
     * @param queues how many queues to read (the device's numqueues)
     * @return frames and bytes the program steered to each queue 0 .. queues-1 (drops 0: the
     *         program only chooses), summed over the CPUs
     */
    public synchronized List<KernelQueueCounters> read(int queues) {
        if (fd < 0) {
            throw new IllegalStateException("map " + name + " is closed");
        }
        int n = Math.min(Math.max(queues, 0), QUEUES);
        List<KernelQueueCounters> out = new ArrayList<>(n);
        try (Memory m = new Memory((long) VALUE * CPUS)) {
            for (int q = 0; q < n; q++) {
                Bpf.lookup(fd, name, q, m);
                long frames = 0;
                long bytes = 0;
                for (int c = 0; c < CPUS; c++) {
                    frames += m.getLong((long) c * VALUE);
                    bytes += m.getLong((long) c * VALUE + 8);
                }
                out.add(new KernelQueueCounters(q, frames, bytes, 0));
            }
        }
        return out;
    }

    /** @return the number of possible CPUs: a per-CPU map value has one copy for each */
    static int possibleCpus() {
        try {
            String s = Files.readString(Path.of("/sys/devices/system/cpu/possible")).trim();
            int max = 0;
            for (String part : s.split(",")) {
                String[] range = part.split("-");
                max = Math.max(max, Integer.parseInt(range[range.length - 1].trim()));
            }
            return max + 1;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** Closes the fd; idempotent. */
    @Override
    public synchronized void close() {
        Bpf.closeQuietly(fd);
        fd = -1;
    }
}
