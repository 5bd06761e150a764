package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.KernelProgram;

/** Steers every frame to one queue: {@code r0 = queue; exit}. No maps. */
public final class FixedQueueUnit implements SteeringUnit {
    private final KernelProgram program;
    private final BpfProgram loaded;

    /** Loads the program for {@code program.queue()}. */
    public FixedQueueUnit(KernelProgram program) {
        this.program = program;
        this.loaded = BpfProgram.load("ts_fixed", new Asm().ret(program.queue()));
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
    }
}
