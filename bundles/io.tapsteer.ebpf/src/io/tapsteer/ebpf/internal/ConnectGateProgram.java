package io.tapsteer.ebpf.internal;

/**
 * The cgroup/connect4 and cgroup/connect6 programs of a {@link io.tapsteer.ebpf.LoopbackGate}: a
 * connect(2) to the gated port on an address that reaches a socket bound to 127.0.0.1 (127.0.0.1
 * and 0.0.0.0, and their IPv4-mapped IPv6 forms) returns 0 (EPERM) unless the caller's uid is the
 * owner's; every other connect returns 1 (allowed) untouched.
 */
public final class ConnectGateProgram {
    /** Offsets in struct bpf_sock_addr. */
    private static final int USER_IP4 = 4;
    private static final int USER_IP6 = 8;
    private static final int USER_PORT = 24;
    /** 127.0.0.1 as a u32 read from network order on a little-endian machine. */
    private static final int LOOPBACK = 0x0100007f;

    private ConnectGateProgram() {
    }

    /** Jumps to {@code check} for an address that reaches the gated socket, to {@code allow} for any other. */
    private interface AddressTest {
        void emit(Asm a, Asm.Label check, Asm.Label allow);
    }

    /** @return the connect4 program */
    public static Asm ipv4(int port, int ownerUid) {
        return program(port, ownerUid, (a, check, allow) ->
                a.ldx(Op.W, Op.R2, Op.R6, USER_IP4).jmp(Op.JEQ, Op.R2, LOOPBACK, check).jmp(Op.JNE, Op.R2, 0, allow));
    }

    /** @return the connect6 program */
    public static Asm ipv6(int port, int ownerUid) {
        return program(port, ownerUid, (a, check, allow) -> {
            a.ldx(Op.W, Op.R2, Op.R6, USER_IP6).jmp(Op.JNE, Op.R2, 0, allow);
            a.ldx(Op.W, Op.R2, Op.R6, USER_IP6 + 4).jmp(Op.JNE, Op.R2, 0, allow);
            a.ldx(Op.W, Op.R2, Op.R6, USER_IP6 + 8).ldImm64(Op.R3, 0xffff0000L).jmpReg(Op.JNE, Op.R2, Op.R3, allow);
            a.ldx(Op.W, Op.R2, Op.R6, USER_IP6 + 12).jmp(Op.JEQ, Op.R2, LOOPBACK, check).jmp(Op.JNE, Op.R2, 0, allow);
        });
    }

    /** The port first (most connects are to other ports), then the address, then the caller's uid. */
    private static Asm program(int port, int ownerUid, AddressTest address) {
        Asm a = new Asm();
        Asm.Label allow = a.label("allow");
        Asm.Label check = a.label("check");
        a.mov64Reg(Op.R6, Op.R1);
        a.ldx(Op.W, Op.R2, Op.R6, USER_PORT).jmp(Op.JNE, Op.R2, networkPort(port), allow);
        address.emit(a, check, allow);
        return owner(a, check, allow, ownerUid);
    }

    /** check: allowed when the caller's uid is the owner's, else refused; allow: allowed. */
    private static Asm owner(Asm a, Asm.Label check, Asm.Label allow, int ownerUid) {
        a.bind(check).call(Op.FN_GET_CURRENT_UID_GID);
        a.alu64(Op.LSH, Op.R0, 32).alu64(Op.RSH, Op.R0, 32);
        a.jmp(Op.JEQ, Op.R0, ownerUid, allow);
        a.ret(0);
        a.bind(allow).ret(1);
        return a;
    }

    /** @return the port as a u32 read from network order (the low 16 bits of user_port) */
    static int networkPort(int port) {
        return (port & 0xff) << 8 | port >>> 8;
    }
}
