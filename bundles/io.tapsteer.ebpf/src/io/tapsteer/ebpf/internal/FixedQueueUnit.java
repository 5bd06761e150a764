package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.tap.KernelQueueCounters;
import java.util.List;

/** Steers every frame to one queue: {@code r0 = queue}, counted ({@link QueueCounterMap}). */
public final class FixedQueueUnit implements SteeringUnit {
    private final KernelProgram program;
    private final QueueCounterMap counters;
    private final BpfProgram loaded;

    /** Loads the program for {@code program.queue()}. */
    public FixedQueueUnit(KernelProgram program) {
        this.program = program;
        this.counters = new QueueCounterMap("ts_fixed_cnt");
        try {
            Asm a = new Asm().mov64Reg(Op.R6, Op.R1).ret(program.queue());
            this.loaded = BpfProgram.load("ts_fixed", QueueCounterMap.countExits(a, counters.fd()));
        } catch (RuntimeException e) {
            counters.close();
            throw e;
        }
    }

    /** Takes over a program and its counters opened from bpffs pins. */
    FixedQueueUnit(KernelProgram program, BpfProgram loaded, QueueCounterMap counters) {
        this.program = program;
        this.loaded = loaded;
        this.counters = counters;
    }

    @Override
    public java.util.Map<String, Integer> objects() {
        return java.util.Map.of("prog", loaded.fd(), "counters", counters.fd());
    }

    @Override
    public List<KernelQueueCounters> queueCounters(int queues) {
        return counters.read(queues);
    }

    @Override
    public int programFd() {
        return loaded.fd();
    }

    @Override
    public int instructions() {
        return loaded.instructions();
    }

    @Override
    public KernelProgram program() {
        return program;
    }

    @Override
    public boolean rewrite(KernelProgram next) {
        return next.equals(program);
    }

    @Override
    public String maps() {
        return "none (queue " + program.queue() + " is an immediate in the program)";
    }

    @Override
    public void close() {
        loaded.close();
        counters.close();
    }
}
