package io.tapsteer.ebpf.internal;

/**
 * A loaded socket-filter program: owns its fd, closed once. The maps it references are held by the
 * kernel for as long as the program lives, but their fds are owned by {@link ArrayMap}s.
 */
public final class BpfProgram implements AutoCloseable {
    private final String name;
    private final int instructions;
    private int fd;

    private BpfProgram(String name, int instructions, int fd) {
        this.name = name;
        this.instructions = instructions;
        this.fd = fd;
    }

    /**
     * @param name up to 15 characters, shown by bpftool
     * @param asm the program
     * @return the loaded program
     * @throws VerifierException with the verifier log when the kernel refuses it
     */
    public static BpfProgram load(String name, Asm asm) {
        byte[] code = asm.assemble();
        return new BpfProgram(name, code.length / Op.INSN_SIZE, Bpf.loadSocketFilter(name, code));
    }

    /** @return a program whose fd was opened from a bpffs pin, owned from now on */
    public static BpfProgram adopt(String name, int instructions, int fd) {
        return new BpfProgram(name, instructions, fd);
    }

    /** @return the fd, -1 after close */
    public synchronized int fd() {
        return fd;
    }

    /** @return the program's name */
    public String name() {
        return name;
    }

    /** @return length in instructions */
    public int instructions() {
        return instructions;
    }

    /** Closes the fd; idempotent. An attached program stays attached until the tap lets go of it. */
    @Override
    public synchronized void close() {
        Bpf.closeQuietly(fd);
        fd = -1;
    }
}
