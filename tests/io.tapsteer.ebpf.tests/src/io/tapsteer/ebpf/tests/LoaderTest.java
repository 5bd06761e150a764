package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.ebpf.internal.ArrayMap;
import io.tapsteer.ebpf.internal.Asm;
import io.tapsteer.ebpf.internal.BpfProgram;
import io.tapsteer.ebpf.internal.Op;
import io.tapsteer.ebpf.internal.VerifierException;
import org.junit.jupiter.api.Test;

/** bpf(2) for real: programs the verifier refuses surface its log; array maps; fds closed. */
class LoaderTest {

    @Test
    void aProgramReadingAnUninitialisedRegisterSurfacesTheVerifierLog() {
        Asm broken = new Asm().mov64Reg(Op.R0, Op.R2).exit(); // r2 is never written
        VerifierException e = assertThrows(VerifierException.class, () -> BpfProgram.load("ts_broken", broken));
        assertTrue(e.getMessage().contains("verifier rejected program ts_broken (2 instructions)"), e.getMessage());
        assertTrue(e.getMessage().contains("R2 !read_ok"), "the tail names the failing instruction: " + e.getMessage());
        assertTrue(e.log().contains("0: (bf) r0 = r2"), e.log());
        assertEquals("bpf(BPF_PROG_LOAD)", e.call());
    }

    @Test
    void aProgramReadingOutsideItsMapValueNamesTheAccess() {
        try (ArrayMap map = new ArrayMap("ts_small", 4, 1)) {
            Asm a = new Asm();
            Asm.Label none = a.label("none");
            a.st(Op.W, Op.R10, -4, 0).ldMapFd(Op.R1, map.fd()).mov64Reg(Op.R2, Op.R10).alu64(Op.ADD, Op.R2, -4);
            a.call(Op.FN_MAP_LOOKUP_ELEM).jmp(Op.JEQ, Op.R0, 0, none).ldx(Op.W, Op.R0, Op.R0, 8).exit(); // value is 4 bytes
            a.bind(none).ret(0);
            VerifierException e = assertThrows(VerifierException.class, () -> BpfProgram.load("ts_oob", a));
            assertTrue(e.getMessage().contains("invalid access to map value"), e.getMessage());
        }
    }

    @Test
    void arrayMapsRoundTripAndSayWhatIsAllowed() {
        try (ArrayMap map = new ArrayMap("ts_test", 8, 4)) {
            byte[] v = {1, 2, 3, 4, 5, 6, 7, 8};
            map.put(3, v);
            assertArrayEquals(v, map.get(3));
            assertArrayEquals(new byte[8], map.get(0), "array elements start zeroed");
            IndexOutOfBoundsException k = assertThrows(IndexOutOfBoundsException.class, () -> map.get(4));
            assertTrue(k.getMessage().contains("keys 0 to 3"), k.getMessage());
            IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> map.put(0, new byte[4]));
            assertTrue(s.getMessage().contains("8-byte values"), s.getMessage());
        }
    }

    @Test
    void programsAndMapsCloseTheirFdsOnce() {
        int before = EbpfLab.openBpfFds();
        for (int i = 0; i < 50; i++) {
            ArrayMap map = new ArrayMap("ts_leak", 4, 2);
            BpfProgram p = BpfProgram.load("ts_leak", new Asm().ret(i));
            map.putInt(1, i);
            assertEquals(i, map.getInt(1));
            p.close();
            p.close();
            map.close();
            map.close();
            assertEquals(-1, p.fd());
        }
        for (int i = 0; i < 20; i++) {
            assertThrows(VerifierException.class, () -> BpfProgram.load("ts_leak", new Asm().mov64Reg(Op.R0, Op.R3).exit()));
        }
        assertEquals(before, EbpfLab.openBpfFds(), "no fd left open");
    }
}
