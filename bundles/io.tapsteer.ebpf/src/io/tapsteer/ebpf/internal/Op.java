package io.tapsteer.ebpf.internal;

/**
 * eBPF opcode parts, registers and helper ids of {@code linux/bpf.h} and {@code linux/bpf_common.h},
 * named as in C without the {@code BPF_} prefix.
 */
public final class Op {
    private Op() {
    }

    /** Size of struct bpf_insn. */
    public static final int INSN_SIZE = 8;

    // instruction classes
    /** Class LD. */ public static final int LD = 0x00;
    /** Class LDX. */ public static final int LDX = 0x01;
    /** Class ST. */ public static final int ST = 0x02;
    /** Class STX. */ public static final int STX = 0x03;
    /** Class ALU (32 bit). */ public static final int ALU = 0x04;
    /** Class JMP. */ public static final int JMP = 0x05;
    /** Class ALU64. */ public static final int ALU64 = 0x07;

    // sizes
    /** Word (4 bytes). */ public static final int W = 0x00;
    /** Half word (2 bytes). */ public static final int H = 0x08;
    /** Byte. */ public static final int B = 0x10;
    /** Double word (8 bytes). */ public static final int DW = 0x18;

    // modes
    /** 64-bit immediate load. */ public static final int IMM = 0x00;
    /** Packet load at an absolute offset. */ public static final int ABS = 0x20;
    /** Packet load at a register plus offset. */ public static final int IND = 0x40;
    /** Memory access. */ public static final int MEM = 0x60;

    // sources
    /** Immediate operand. */ public static final int K = 0x00;
    /** Register operand. */ public static final int X = 0x08;

    // ALU operations
    /** +. */ public static final int ADD = 0x00;
    /** -. */ public static final int SUB = 0x10;
    /** *. */ public static final int MUL = 0x20;
    /** /. */ public static final int DIV = 0x30;
    /** |. */ public static final int OR = 0x40;
    /** &amp;. */ public static final int AND = 0x50;
    /** &lt;&lt;. */ public static final int LSH = 0x60;
    /** &gt;&gt;&gt;. */ public static final int RSH = 0x70;
    /** Negation. */ public static final int NEG = 0x80;
    /** %. */ public static final int MOD = 0x90;
    /** ^. */ public static final int XOR = 0xa0;
    /** =. */ public static final int MOV = 0xb0;
    /** &gt;&gt; (arithmetic). */ public static final int ARSH = 0xc0;

    // jumps
    /** Unconditional. */ public static final int JA = 0x00;
    /** ==. */ public static final int JEQ = 0x10;
    /** &gt; unsigned. */ public static final int JGT = 0x20;
    /** &gt;= unsigned. */ public static final int JGE = 0x30;
    /** &amp; != 0. */ public static final int JSET = 0x40;
    /** !=. */ public static final int JNE = 0x50;
    /** &gt; signed. */ public static final int JSGT = 0x60;
    /** &gt;= signed. */ public static final int JSGE = 0x70;
    /** Helper call. */ public static final int CALL = 0x80;
    /** Return. */ public static final int EXIT = 0x90;
    /** &lt; unsigned. */ public static final int JLT = 0xa0;
    /** &lt;= unsigned. */ public static final int JLE = 0xb0;
    /** &lt; signed. */ public static final int JSLT = 0xc0;
    /** &lt;= signed. */ public static final int JSLE = 0xd0;

    /** src_reg of BPF_LD_IMM64 whose imm is a map fd. */
    public static final int PSEUDO_MAP_FD = 1;

    // registers
    /** Return value. */ public static final int R0 = 0;
    /** Argument 1 (the context on entry). */ public static final int R1 = 1;
    /** Argument 2. */ public static final int R2 = 2;
    /** Argument 3. */ public static final int R3 = 3;
    /** Argument 4. */ public static final int R4 = 4;
    /** Argument 5. */ public static final int R5 = 5;
    /** Callee-saved. */ public static final int R6 = 6;
    /** Callee-saved. */ public static final int R7 = 7;
    /** Callee-saved. */ public static final int R8 = 8;
    /** Callee-saved. */ public static final int R9 = 9;
    /** Frame pointer (read only). */ public static final int R10 = 10;

    // helpers
    /** void *bpf_map_lookup_elem(map, key). */
    public static final int FN_MAP_LOOKUP_ELEM = 1;
    /** long bpf_skb_load_bytes(skb, offset, to, len). */
    public static final int FN_SKB_LOAD_BYTES = 26;
    /** u64 bpf_get_current_uid_gid(): the gid above the uid, as the initial user namespace sees them. */
    public static final int FN_GET_CURRENT_UID_GID = 15;

    /** Offset of {@code len} in struct __sk_buff. */
    public static final int SKB_LEN = 0;
}
