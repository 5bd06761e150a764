package io.tapsteer.ebpf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny eBPF assembler: appends instructions (struct bpf_insn, 8 bytes each: code, dst_reg:4 |
 * src_reg:4, s16 off, s32 imm) and resolves {@link Label}s to jump offsets when {@link #assemble()}
 * is called. Method names follow the kernel's instruction macros (BPF_MOV64_IMM, BPF_LDX_MEM, ...).
 */
public final class Asm {
    /** A jump target; bind it once with {@link #bind(Label)}. */
    public static final class Label {
        private final String name;
        private int at = -1;

        private Label(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name + (at < 0 ? " (unbound)" : " @" + at);
        }
    }

    private record Insn(int code, int dst, int src, int off, int imm, Label target) {
    }

    private final List<Insn> insns = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();

    /** @return a new unbound label (the name shows in errors) */
    public Label label(String name) {
        Label l = new Label(name);
        labels.add(l);
        return l;
    }

    /** Binds {@code l} to the next instruction. */
    public Asm bind(Label l) {
        if (l.at >= 0) {
            throw new IllegalStateException("label " + l.name + " is bound twice");
        }
        l.at = insns.size();
        return this;
    }

    /** @return instructions so far */
    public int size() {
        return insns.size();
    }

    private Asm emit(int code, int dst, int src, int off, int imm) {
        return emit(code, dst, src, off, imm, null);
    }

    private Asm emit(int code, int dst, int src, int off, int imm, Label target) {
        checkReg(dst);
        checkReg(src);
        if (target == null && (off < Short.MIN_VALUE || off > Short.MAX_VALUE)) {
            throw new IllegalArgumentException("offset " + off + " does not fit 16 bits");
        }
        insns.add(new Insn(code, dst, src, off, imm, target));
        return this;
    }

    private static void checkReg(int r) {
        if (r < 0 || r > Op.R10) {
            throw new IllegalArgumentException("register r" + r + " does not exist: r0 to r10");
        }
    }

    // ALU

    /** dst = imm (64 bit). */
    public Asm mov64(int dst, int imm) { return emit(Op.ALU64 | Op.MOV | Op.K, dst, 0, 0, imm); }
    /** dst = src (64 bit). */
    public Asm mov64Reg(int dst, int src) { return emit(Op.ALU64 | Op.MOV | Op.X, dst, src, 0, 0); }
    /** dst = dst OP imm (64 bit), OP one of {@link Op#ADD} ... {@link Op#ARSH}. */
    public Asm alu64(int op, int dst, int imm) { return emit(Op.ALU64 | op | Op.K, dst, 0, 0, imm); }
    /** dst = dst OP src (64 bit). */
    public Asm alu64Reg(int op, int dst, int src) { return emit(Op.ALU64 | op | Op.X, dst, src, 0, 0); }
    /** dst = (u32) (dst OP imm). */
    public Asm alu32(int op, int dst, int imm) { return emit(Op.ALU | op | Op.K, dst, 0, 0, imm); }
    /** dst = (u32) (dst OP src). */
    public Asm alu32Reg(int op, int dst, int src) { return emit(Op.ALU | op | Op.X, dst, src, 0, 0); }

    // memory

    /** dst = *(size *)(src + off), size one of {@link Op#B}, {@link Op#H}, {@link Op#W}, {@link Op#DW}. */
    public Asm ldx(int size, int dst, int src, int off) { return emit(Op.LDX | Op.MEM | size, dst, src, off, 0); }
    /** *(size *)(dst + off) = src. */
    public Asm stx(int size, int dst, int off, int src) { return emit(Op.STX | Op.MEM | size, dst, src, off, 0); }
    /** *(size *)(dst + off) = imm. */
    public Asm st(int size, int dst, int off, int imm) { return emit(Op.ST | Op.MEM | size, dst, 0, off, imm); }

    /** r0 = packet bytes at absolute offset {@code off}, in host order (LD_ABS; needs r6 = ctx; clobbers r1-r5). */
    public Asm ldAbs(int size, int off) { return emit(Op.LD | Op.ABS | size, 0, 0, 0, off); }
    /** r0 = packet bytes at {@code src + off}, in host order (LD_IND; needs r6 = ctx; clobbers r1-r5). */
    public Asm ldInd(int size, int src, int off) { return emit(Op.LD | Op.IND | size, 0, src, 0, off); }

    /** dst = the map behind {@code mapFd} (BPF_LD_IMM64 with BPF_PSEUDO_MAP_FD, two instructions). */
    public Asm ldMapFd(int dst, int mapFd) {
        emit(Op.LD | Op.DW | Op.IMM, dst, Op.PSEUDO_MAP_FD, 0, mapFd);
        return emit(0, 0, 0, 0, 0);
    }

    /** dst = a 64-bit constant (two instructions). */
    public Asm ldImm64(int dst, long value) {
        emit(Op.LD | Op.DW | Op.IMM, dst, 0, 0, (int) value);
        return emit(0, 0, 0, 0, (int) (value >>> 32));
    }

    // jumps

    /** goto target. */
    public Asm ja(Label target) { return emit(Op.JMP | Op.JA, 0, 0, 0, 0, target); }
    /** if (dst OP imm) goto target, OP one of {@link Op#JEQ} ... {@link Op#JSLE}. */
    public Asm jmp(int op, int dst, int imm, Label target) { return emit(Op.JMP | op | Op.K, dst, 0, 0, imm, target); }
    /** if (dst OP src) goto target. */
    public Asm jmpReg(int op, int dst, int src, Label target) { return emit(Op.JMP | op | Op.X, dst, src, 0, 0, target); }
    /** Calls helper {@code id} (r1-r5 arguments, r0 result, r1-r5 clobbered). */
    public Asm call(int helper) { return emit(Op.JMP | Op.CALL, 0, 0, 0, helper); }
    /** return r0. */
    public Asm exit() { return emit(Op.JMP | Op.EXIT, 0, 0, 0, 0); }

    /**
     * Turns every {@code exit} emitted so far into {@code goto target}: an epilogue bound there
     * (with its own exit) then runs on every path out of the program.
     */
    public Asm exitsTo(Label target) {
        for (int i = 0; i < insns.size(); i++) {
            Insn n = insns.get(i);
            if (n.code == (Op.JMP | Op.EXIT)) {
                insns.set(i, new Insn(Op.JMP | Op.JA, 0, 0, 0, 0, target));
            }
        }
        return this;
    }

    /** r0 = imm; exit. */
    public Asm ret(int imm) { return mov64(Op.R0, imm).exit(); }

    /**
     * @return the program as struct bpf_insn[] bytes (little endian), jumps resolved
     * @throws IllegalStateException naming an unbound label or a jump too far for 16 bits
     */
    public byte[] assemble() {
        ByteBuffer b = ByteBuffer.allocate(insns.size() * Op.INSN_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < insns.size(); i++) {
            Insn n = insns.get(i);
            int off = n.off;
            if (n.target != null) {
                if (n.target.at < 0) {
                    throw new IllegalStateException("jump at instruction " + i + " to label " + n.target.name + " that was never bound");
                }
                off = n.target.at - i - 1;
                if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
                    throw new IllegalStateException("jump at instruction " + i + " to " + n.target + " is too far for 16 bits");
                }
            }
            b.put((byte) n.code).put((byte) (n.src << 4 | n.dst)).putShort((short) off).putInt(n.imm);
        }
        return b.array();
    }
}
