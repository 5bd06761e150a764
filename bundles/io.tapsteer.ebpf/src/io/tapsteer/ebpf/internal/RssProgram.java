package io.tapsteer.ebpf.internal;

import static io.tapsteer.ebpf.internal.Op.R0;
import static io.tapsteer.ebpf.internal.Op.R10;
import static io.tapsteer.ebpf.internal.Op.R1;
import static io.tapsteer.ebpf.internal.Op.R2;
import static io.tapsteer.ebpf.internal.Op.R3;
import static io.tapsteer.ebpf.internal.Op.R4;
import static io.tapsteer.ebpf.internal.Op.R6;
import static io.tapsteer.ebpf.internal.Op.R7;
import static io.tapsteer.ebpf.internal.Op.R8;
import static io.tapsteer.ebpf.internal.Op.R9;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.ebpf.internal.Asm.Label;
import io.tapsteer.frame.FrameParser;

/**
 * Generates the Toeplitz RSS steering program. Registers: r6 the skb, r7 its length, r8 the state
 * element ({@link RssLayout}), r9 the header offset while parsing and the tuple length while hashing.
 * Stack: the tuple at {@link #TUPLE} (36 bytes, in hash input order: source address, destination
 * address, source port, destination port), two spill slots below it.
 *
 * <p>Parse, as the user-space RSS does: up to {@link RssRules#MAX_TAGS} VLAN tags (0x8100, 0x88a8 or 0x9100),
 * then IPv4 (IHL 5 to 15; options skipped; a fragment, MF set or offset not zero, has no ports) or IPv6
 * (up to {@link RssRules#MAX_EXTENSIONS} hop-by-hop, routing or destination-options headers walked to
 * find TCP or UDP; a fragment header ends the walk: no ports). Ports count only from a TCP header of
 * 20 bytes or a UDP header of 8 complete in the frame; a shorter one hashes the addresses alone, so
 * every fragment of a datagram, the first included, gets the same hash. Then the virtio cascade over
 * the enabled types: TCP, else UDP, else
 * addresses only, else unclassified. The tuple bytes index per-position tables, so the hash is one
 * load and one XOR per byte; the slot is {@code hash & mask}, the queue the table's entry.
 */
public final class RssProgram {
    private RssProgram() {
    }

    /** Stack offset of the tuple. */
    static final int TUPLE = -48;
    /** Spill slots (8 bytes each). */
    private static final int SIZE = -56;
    private static final int HEADER = -64;
    private static final int HOME = -72;
    private static final int RT2 = -80;
    private static final int HAS_EXT = -88;
    private static final int CURSOR = -96;
    private static final int OPTION = -104;
    private static final int SELECT_KEY = -4;
    private static final int STATE_KEY = -8;

    private static final int TCP4 = HashType.TCPv4.bit();
    private static final int UDP4 = HashType.UDPv4.bit();
    private static final int IP4 = HashType.IPv4.bit();

    /**
     * @param selectFd the select map (one u32: which state element is live)
     * @param stateFd the state map (two {@link RssLayout} elements)
     * @return the program
     */
    public static Asm generate(int selectFd, int stateFd) {
        Asm a = new Asm();
        Label unclassified = a.label("unclassified");
        Label noState = a.label("no-state");
        Label l3 = a.label("l3");
        Label ipv4 = a.label("ipv4");
        Label ipv6 = a.label("ipv6");
        Label hash = a.label("hash");

        a.mov64Reg(R6, R1).ldx(Op.W, R7, R6, Op.SKB_LEN);
        for (int o = TUPLE; o < TUPLE + 40; o += 8) { // the tuple starts zeroed: every path reads defined bytes
            a.st(Op.DW, R10, o, 0);
        }
        lookup(a, selectFd, SELECT_KEY, noState);
        a.ldx(Op.W, R1, R0, 0).alu64(Op.AND, R1, 1).stx(Op.W, R10, STATE_KEY, R1);
        lookup(a, stateFd, STATE_KEY, noState);
        a.mov64Reg(R8, R0);

        // L2: EtherType at 12, then up to MAX_TAGS tags of 4 bytes
        a.jmp(Op.JLT, R7, 14, unclassified).mov64(R9, 12).ldAbs(Op.H, 12);
        for (int t = 0; t < RssRules.MAX_TAGS; t++) {
            Label tag = a.label("tag" + t);
            a.jmp(Op.JEQ, R0, 0x8100, tag).jmp(Op.JEQ, R0, 0x88a8, tag).jmp(Op.JEQ, R0, 0x9100, tag).ja(l3);
            a.bind(tag).alu64(Op.ADD, R9, 4);
            need(a, R9, 2, unclassified);
            a.ldInd(Op.H, R9, 0);
        }
        a.bind(l3).alu64(Op.ADD, R9, 2);
        a.jmp(Op.JEQ, R0, 0x0800, ipv4).jmp(Op.JEQ, R0, 0x86dd, ipv6).ja(unclassified);

        a.bind(ipv4);
        ipv4(a, unclassified, hash);
        a.bind(ipv6);
        ipv6(a, unclassified, hash);

        a.bind(hash);
        toeplitz(a);

        a.bind(unclassified).ldx(Op.W, R0, R8, RssLayout.UNCLASSIFIED).exit();
        a.bind(noState).ret(0);
        return a;
    }

    /** r0 = lookup(map, &stack[key]); if null goto fail. */
    private static void lookup(Asm a, int mapFd, int keyAt, Label fail) {
        if (keyAt == SELECT_KEY) {
            a.st(Op.W, R10, keyAt, 0);
        }
        a.ldMapFd(R1, mapFd).mov64Reg(R2, R10).alu64(Op.ADD, R2, keyAt).call(Op.FN_MAP_LOOKUP_ELEM);
        a.jmp(Op.JEQ, R0, 0, fail);
    }

    /** if (reg + bytes > len) goto fail. */
    private static void need(Asm a, int reg, int bytes, Label fail) {
        a.mov64Reg(R1, reg).alu64(Op.ADD, R1, bytes).jmpReg(Op.JGT, R1, R7, fail);
    }

    /** bpf_skb_load_bytes(skb, offsetReg + add, &tuple[at], len); if it fails goto fail. */
    private static void load(Asm a, int offsetReg, int add, int at, int len, Label fail) {
        a.mov64Reg(R2, offsetReg);
        if (add != 0) {
            a.alu64(Op.ADD, R2, add);
        }
        a.mov64Reg(R1, R6).mov64Reg(R3, R10).alu64(Op.ADD, R3, TUPLE + at).mov64(R4, len);
        a.call(Op.FN_SKB_LOAD_BYTES).jmp(Op.JNE, R0, 0, fail);
    }

    /** if (types & mask) { r9 = tuple; goto hash } */
    private static void pick(Asm a, int mask, int tuple, Label hash) {
        Label no = a.label("not-" + Integer.toHexString(mask));
        a.ldx(Op.W, R2, R8, RssLayout.TYPES).alu64(Op.AND, R2, mask).jmp(Op.JEQ, R2, 0, no);
        a.mov64(R9, tuple).ja(hash);
        a.bind(no);
    }

    private static void ipv4(Asm a, Label unclassified, Label hash) {
        Label addr = a.label("v4-addr");
        Label tcp = a.label("v4-tcp");
        Label udp = a.label("v4-udp");
        Label ports = a.label("v4-ports");
        need(a, R9, 20, unclassified);
        a.ldInd(Op.B, R9, 0).mov64Reg(R1, R0).alu64(Op.RSH, R1, 4).jmp(Op.JNE, R1, 4, unclassified);
        a.alu64(Op.AND, R0, 15).jmp(Op.JLT, R0, 5, unclassified).alu64(Op.LSH, R0, 2).stx(Op.DW, R10, SIZE, R0);
        a.mov64Reg(R1, R9).alu64Reg(Op.ADD, R1, R0).jmpReg(Op.JGT, R1, R7, unclassified);
        load(a, R9, 12, 0, 8, unclassified);
        a.ldInd(Op.B, R9, 9).stx(Op.DW, R10, HEADER, R0);
        // a fragment (MF or an offset), the first one included, has no ports
        a.ldInd(Op.H, R9, 6).alu64(Op.AND, R0, 0x3fff).jmp(Op.JNE, R0, 0, addr);
        a.ldx(Op.DW, R1, R10, HEADER).jmp(Op.JEQ, R1, 6, tcp).jmp(Op.JEQ, R1, 17, udp).ja(addr);
        a.bind(tcp).ldx(Op.DW, R3, R10, SIZE).alu64Reg(Op.ADD, R3, R9);
        need(a, R3, FrameParser.TCP_HEADER, addr); // a TCP or UDP header cut short: addresses only
        a.ldx(Op.W, R2, R8, RssLayout.TYPES).jmp(Op.JSET, R2, TCP4, ports).ja(addr);
        a.bind(udp).ldx(Op.DW, R3, R10, SIZE).alu64Reg(Op.ADD, R3, R9);
        need(a, R3, FrameParser.UDP_HEADER, addr);
        a.ldx(Op.W, R2, R8, RssLayout.TYPES).jmp(Op.JSET, R2, UDP4, ports).ja(addr);
        a.bind(ports).ldx(Op.DW, R3, R10, SIZE).alu64Reg(Op.ADD, R3, R9);
        load(a, R3, 0, 8, 4, unclassified);
        a.mov64(R9, 12).ja(hash);
        a.bind(addr);
        pick(a, IP4, 8, hash);
        a.ja(unclassified);
    }

    private static void ipv6(Asm a, Label unclassified, Label hash) {
        Label addr = a.label("v6-addr");
        Label l4 = a.label("v6-l4");
        need(a, R9, 40, unclassified);
        a.ldInd(Op.B, R9, 0).alu64(Op.RSH, R0, 4).jmp(Op.JNE, R0, 6, unclassified);
        load(a, R9, 8, 0, 32, unclassified);
        a.st(Op.DW, R10, HAS_EXT, 0).st(Op.DW, R10, HOME, 0).st(Op.DW, R10, RT2, 0);
        a.ldInd(Op.B, R9, 6).alu64(Op.ADD, R9, 40);
        for (int e = 0; e < RssRules.MAX_EXTENSIONS; e++) {
            extension(a, e, l4, addr, unclassified);
        }
        // still an extension header after the bound: no ports, as in the user-space parser
        a.jmp(Op.JEQ, R0, 0, addr).jmp(Op.JEQ, R0, 43, addr).jmp(Op.JEQ, R0, 44, addr).jmp(Op.JEQ, R0, 60, addr);
        a.bind(l4);
        Label tcp = a.label("v6-tcp");
        Label udp = a.label("v6-udp");
        Label portsEx = a.label("v6-ports-ex");
        Label ports = a.label("v6-ports");
        Label exAddr = a.label("v6-ex-addr");
        a.jmp(Op.JEQ, R0, 6, tcp).jmp(Op.JEQ, R0, 17, udp).ja(addr);
        a.bind(tcp);
        need(a, R9, FrameParser.TCP_HEADER, addr);
        cascade(a, HashType.TCP_EX.bit(), HashType.TCPv6.bit(), portsEx, exAddr, ports, addr);
        a.bind(udp);
        need(a, R9, FrameParser.UDP_HEADER, addr);
        cascade(a, HashType.UDP_EX.bit(), HashType.UDPv6.bit(), portsEx, exAddr, ports, addr);
        a.bind(portsEx);
        exAddresses(a, unclassified);
        a.bind(ports);
        load(a, R9, 0, 32, 4, unclassified);
        a.mov64(R9, 36).ja(hash);
        a.bind(addr);
        Label plain = a.label("v6-plain");
        a.ldx(Op.DW, R1, R10, HAS_EXT).jmp(Op.JEQ, R1, 0, plain);
        a.ldx(Op.W, R2, R8, RssLayout.TYPES).alu64(Op.AND, R2, HashType.IP_EX.bit()).jmp(Op.JEQ, R2, 0, plain);
        a.bind(exAddr);
        exAddresses(a, unclassified);
        a.mov64(R9, 32).ja(hash);
        a.bind(plain);
        pick(a, HashType.IPv6.bit(), 32, hash);
        a.ja(unclassified);
    }

    /**
     * The virtio cascade for a TCP or UDP frame: with extension headers, {@code ex} (ports) else IP_EX
     * (addresses); then, with or without, {@code plain} (ports), else the addresses-only types.
     */
    private static void cascade(Asm a, int ex, int plain, Label exPorts, Label exAddr, Label ports, Label addr) {
        Label noEx = a.label("no-ex-" + ex);
        a.ldx(Op.DW, R1, R10, HAS_EXT).ldx(Op.W, R2, R8, RssLayout.TYPES).jmp(Op.JEQ, R1, 0, noEx);
        a.jmp(Op.JSET, R2, ex, exPorts).jmp(Op.JSET, R2, HashType.IP_EX.bit(), exAddr);
        a.bind(noEx).jmp(Op.JSET, R2, plain, ports).ja(addr);
    }

    /** Puts the Home Address and the routing type 2 address, where found, in place of source and destination. */
    private static void exAddresses(Asm a, Label unclassified) {
        Label noHome = a.label("no-home");
        Label noRt2 = a.label("no-rt2");
        a.ldx(Op.DW, R3, R10, HOME).jmp(Op.JEQ, R3, 0, noHome);
        load(a, R3, 0, 0, 16, unclassified);
        a.bind(noHome).ldx(Op.DW, R3, R10, RT2).jmp(Op.JEQ, R3, 0, noRt2);
        load(a, R3, 0, 16, 16, unclassified);
        a.bind(noRt2);
    }

    /** One IPv6 extension header at r9 whose type is in r0; leaves the next type in r0 and r9 past it. */
    private static void extension(Asm a, int e, Label l4, Label addr, Label unclassified) {
        Label ext = a.label("ext" + e);
        Label rt = a.label("rt" + e);
        Label dst = a.label("dst" + e);
        Label advance = a.label("advance" + e);
        a.jmp(Op.JEQ, R0, 0, ext).jmp(Op.JEQ, R0, 43, ext).jmp(Op.JEQ, R0, 60, ext).jmp(Op.JEQ, R0, 44, ext).ja(l4);
        a.bind(ext).st(Op.DW, R10, HAS_EXT, 1).stx(Op.DW, R10, HEADER, R0);
        need(a, R9, 8, unclassified);
        a.jmp(Op.JEQ, R0, 44, addr); // a fragment: addresses only, nothing after the header is read
        a.ldInd(Op.B, R9, 1).alu64(Op.ADD, R0, 1).alu64(Op.LSH, R0, 3).stx(Op.DW, R10, SIZE, R0);
        a.mov64Reg(R1, R9).alu64Reg(Op.ADD, R1, R0).jmpReg(Op.JGT, R1, R7, unclassified);
        a.ldx(Op.DW, R1, R10, HEADER).jmp(Op.JEQ, R1, 43, rt).jmp(Op.JEQ, R1, 60, dst).ja(advance);
        // the first routing header of type 2 (at least 24 bytes) names the _EX destination at +8
        a.bind(rt).ldx(Op.DW, R1, R10, RT2).jmp(Op.JNE, R1, 0, advance);
        a.ldx(Op.DW, R1, R10, SIZE).jmp(Op.JLT, R1, 24, advance);
        a.ldInd(Op.B, R9, 2).jmp(Op.JNE, R0, 2, advance);
        a.mov64Reg(R1, R9).alu64(Op.ADD, R1, 8).stx(Op.DW, R10, RT2, R1).ja(advance);
        a.bind(dst).ldx(Op.DW, R1, R10, HOME).jmp(Op.JNE, R1, 0, advance);
        homeAddressOption(a, e, advance);
        a.bind(advance).ldInd(Op.B, R9, 0).ldx(Op.DW, R1, R10, SIZE).alu64Reg(Op.ADD, R9, R1);
    }

    /** Scans up to {@link RssRules#HOME_OPTION_STEPS} options of a destination-options header at r9 for the Home Address. */
    private static void homeAddressOption(Asm a, int e, Label done) {
        a.mov64Reg(R1, R9).alu64(Op.ADD, R1, 2).stx(Op.DW, R10, CURSOR, R1);
        for (int k = 0; k < RssRules.HOME_OPTION_STEPS; k++) {
            Label pad1 = a.label("pad1-" + e + "-" + k);
            Label skip = a.label("skip-" + e + "-" + k);
            Label step = a.label("step-" + e + "-" + k);
            end(a);
            a.ldx(Op.DW, R1, R10, CURSOR).jmpReg(Op.JGE, R1, R2, done);
            a.ldInd(Op.B, R1, 0).jmp(Op.JEQ, R0, 0, pad1);
            a.stx(Op.DW, R10, OPTION, R0);
            end(a);
            a.ldx(Op.DW, R1, R10, CURSOR).alu64(Op.ADD, R1, 2).jmpReg(Op.JGT, R1, R2, done);
            a.ldx(Op.DW, R1, R10, CURSOR).ldInd(Op.B, R1, 1); // r0 = option length
            a.ldx(Op.DW, R1, R10, OPTION).jmp(Op.JNE, R1, 0xc9, skip).jmp(Op.JNE, R0, 16, skip);
            end(a);
            a.ldx(Op.DW, R1, R10, CURSOR).alu64(Op.ADD, R1, 18).jmpReg(Op.JGT, R1, R2, skip);
            a.ldx(Op.DW, R1, R10, CURSOR).alu64(Op.ADD, R1, 2).stx(Op.DW, R10, HOME, R1).ja(done);
            a.bind(skip).ldx(Op.DW, R1, R10, CURSOR).alu64(Op.ADD, R1, 2).alu64Reg(Op.ADD, R1, R0).ja(step);
            a.bind(pad1).ldx(Op.DW, R1, R10, CURSOR).alu64(Op.ADD, R1, 1);
            a.bind(step).stx(Op.DW, R10, CURSOR, R1);
        }
    }

    /** r2 = end of the extension header at r9. */
    private static void end(Asm a) {
        a.ldx(Op.DW, R2, R10, SIZE).alu64Reg(Op.ADD, R2, R9);
    }

    /** r0 = XOR of toeplitz[p][tuple[p]] over the r9 tuple bytes; queue = table[r0 & mask]. */
    private static void toeplitz(Asm a) {
        Label done = a.label("hashed");
        a.mov64(R0, 0);
        int[][] segments = {{0, 8}, {8, 12}, {12, 32}, {32, 36}};
        for (int[] seg : segments) {
            for (int p = seg[0]; p < seg[1]; p++) {
                a.ldx(Op.B, R1, R10, TUPLE + p).alu64(Op.LSH, R1, 2).alu64(Op.ADD, R1, RssLayout.TOEPLITZ + p * 1024);
                a.mov64Reg(R2, R8).alu64Reg(Op.ADD, R2, R1).ldx(Op.W, R1, R2, 0).alu64Reg(Op.XOR, R0, R1);
            }
            if (seg[1] < 36) {
                a.jmp(Op.JEQ, R9, seg[1], done);
            }
        }
        a.bind(done);
        a.ldx(Op.W, R1, R8, RssLayout.MASK).alu64Reg(Op.AND, R0, R1).alu64(Op.AND, R0, io.tapsteer.api.steering.RssConfig.MAX_TABLE - 1);
        a.alu64(Op.LSH, R0, 1).alu64(Op.ADD, R0, RssLayout.TABLE).mov64Reg(R1, R8).alu64Reg(Op.ADD, R1, R0).ldx(Op.H, R0, R1, 0).exit();
    }
}
