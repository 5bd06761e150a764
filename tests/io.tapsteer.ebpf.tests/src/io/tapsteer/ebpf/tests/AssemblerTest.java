package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.ebpf.internal.Asm;
import io.tapsteer.ebpf.internal.Op;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The instruction encoding and label resolution, byte for byte (struct bpf_insn, little endian). */
class AssemblerTest {

    @Test
    void encodesMovImmediateAndExit() {
        byte[] code = new Asm().mov64(Op.R0, 7).exit().assemble();
        assertArrayEquals(new byte[] {(byte) 0xb7, 0, 0, 0, 7, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0}, code);
    }

    @Test
    void putsSourceRegisterInTheHighNibble() {
        byte[] code = new Asm().ldx(Op.W, Op.R7, Op.R6, 68).assemble();
        assertArrayEquals(new byte[] {0x61, 0x67, 68, 0, 0, 0, 0, 0}, code);
    }

    @Test
    void resolvesForwardAndBackwardJumps() {
        Asm a = new Asm();
        Asm.Label back = a.label("back");
        Asm.Label out = a.label("out");
        a.bind(back).jmp(Op.JEQ, Op.R1, 3, out).mov64(Op.R0, 1).ja(back).bind(out).exit();
        byte[] code = a.assemble();
        assertEquals(2, code[2], "jeq skips mov and ja");
        assertEquals(-3, code[2 * 8 + 2], "ja goes back to the first instruction");
        assertEquals(0x15, code[0] & 0xff, "BPF_JMP | BPF_JEQ | BPF_K");
        assertEquals(3, code[4]);
    }

    @Test
    void loadsAMapFdAsPseudoMapImmediateInTwoSlots() {
        byte[] code = new Asm().ldMapFd(Op.R1, 42).assemble();
        assertEquals(16, code.length);
        assertEquals(0x18, code[0] & 0xff, "BPF_LD | BPF_DW | BPF_IMM");
        assertEquals(0x11, code[1] & 0xff, "dst r1, src BPF_PSEUDO_MAP_FD");
        assertEquals(42, code[4]);
        assertTrue(Arrays.equals(new byte[8], Arrays.copyOfRange(code, 8, 16)), "second slot is zero");
    }

    @Test
    void encodesPacketLoads() {
        byte[] code = new Asm().ldAbs(Op.H, 12).ldInd(Op.B, Op.R9, 1).assemble();
        assertEquals(0x28, code[0] & 0xff, "BPF_LD | BPF_ABS | BPF_H");
        assertEquals(12, code[4]);
        assertEquals(0x50, code[8] & 0xff, "BPF_LD | BPF_IND | BPF_B");
        assertEquals(0x90, code[9] & 0xff, "src r9");
    }

    @Test
    void refusesAnUnboundLabelNamingIt() {
        Asm a = new Asm();
        a.ja(a.label("nowhere"));
        IllegalStateException e = assertThrows(IllegalStateException.class, a::assemble);
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void refusesALabelBoundTwice() {
        Asm a = new Asm();
        Asm.Label l = a.label("twice");
        a.bind(l);
        assertThrows(IllegalStateException.class, () -> a.bind(l));
    }

    @Test
    void refusesARegisterThatDoesNotExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Asm().mov64(11, 0));
        assertTrue(e.getMessage().contains("r0 to r10"), e.getMessage());
    }
}
