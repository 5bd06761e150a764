package io.tapsteer.bench.internal;

import io.tapsteer.api.steering.RssConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The frames of the decision pairs: {@link #FRAMES} frames of one kind (IPv4/TCP or IPv6/UDP,
 * random documentation addresses and ports, fixed seed) in slots of {@link #SLOT} bytes of one direct
 * buffer, as a poller's pool holds them, and the checksum of their decisions computed from the
 * bit-by-bit Toeplitz reference and the default configuration's table (every hash type, 128 slots
 * over {@link #LANES} lanes). The C side reads the same bytes from a file.
 */
public final class DecisionFrames {
    /** Frames per pass: 128 KiB of slots, so they stay in cache as a freshly read batch does. */
    public static final int FRAMES = 1024;
    /** Bytes per slot. */
    public static final int SLOT = 128;
    /** Frames per batch, as a poller drains them. */
    public static final int BATCH = 64;
    /** Lanes the decision chooses among. */
    public static final int LANES = 4;

    /** The frame kind of a pair. */
    public enum Kind {
        /** Untagged IPv4 with a 20-byte header and TCP: the 12-byte tuple. */
        IPV4_TCP,
        /** Untagged IPv6 without extension headers and UDP: the 36-byte tuple. */
        IPV6_UDP
    }

    private final Kind kind;
    private final ByteBuffer frames = ByteBuffer.allocateDirect(FRAMES * SLOT);
    private final int[] lengths = new int[FRAMES];
    private final byte[][] tuples = new byte[FRAMES][];

    /** @param kind the frame kind */
    public DecisionFrames(Kind kind) {
        this.kind = kind;
        Random r = new Random(kind.ordinal() + 22);
        for (int i = 0; i < FRAMES; i++) {
            byte[] tuple = kind == Kind.IPV4_TCP ? ipv4Tuple(r) : ipv6Tuple(r);
            tuples[i] = tuple;
            lengths[i] = write(frames, i * SLOT, tuple, kind == Kind.IPV4_TCP ? 6 : 17, 10);
        }
    }

    /** @return the buffer holding every frame; frame {@code i} starts at {@code i * SLOT} */
    public ByteBuffer buffer() {
        return frames;
    }

    /** @return the length of frame {@code i} */
    public int length(int i) {
        return lengths[i];
    }

    /** @return the frame kind */
    public Kind kind() {
        return kind;
    }

    private static byte[] ipv4Tuple(Random r) {
        byte[] t = new byte[12];
        byte[][] nets = {{(byte) 192, 0, 2}, {(byte) 198, 51, 100}, {(byte) 203, 0, 113}};
        for (int a = 0; a < 2; a++) {
            System.arraycopy(nets[r.nextInt(3)], 0, t, a * 4, 3);
            t[a * 4 + 3] = (byte) r.nextInt(256);
        }
        ports(r, t, 8);
        return t;
    }

    private static byte[] ipv6Tuple(Random r) {
        byte[] t = new byte[36];
        for (int a = 0; a < 2; a++) {
            t[a * 16] = 0x20;
            t[a * 16 + 1] = 0x01;
            t[a * 16 + 2] = 0x0d;
            t[a * 16 + 3] = (byte) 0xb8;
            for (int i = 4; i < 16; i++) {
                t[a * 16 + i] = (byte) r.nextInt(256);
            }
        }
        ports(r, t, 32);
        return t;
    }

    private static void ports(Random r, byte[] t, int at) {
        int sport = 1024 + r.nextInt(64512);
        int dport = r.nextInt(4) == 0 ? 443 : 1024 + r.nextInt(64512);
        t[at] = (byte) (sport >> 8);
        t[at + 1] = (byte) sport;
        t[at + 2] = (byte) (dport >> 8);
        t[at + 3] = (byte) dport;
    }

    /**
     * Writes an Ethernet frame carrying the tuple (source address, destination address, source port,
     * destination port) over TCP (6) or UDP (17) at {@code at}.
     *
     * @return the frame's length
     */
    static int write(ByteBuffer b, int at, byte[] tuple, int protocol, int payload) {
        boolean v6 = tuple.length == 36;
        int a = v6 ? 16 : 4;
        int l4Header = protocol == 6 ? 20 : 8;
        byte[] f = new byte[14 + (v6 ? 40 : 20) + l4Header + payload];
        byte[] eth = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, (byte) (v6 ? 0x86 : 0x08), (byte) (v6 ? 0xdd : 0x00)};
        System.arraycopy(eth, 0, f, 0, 14);
        int ip = 14;
        int l4 = ip + (v6 ? 40 : 20);
        if (v6) {
            f[ip] = 0x60;
            f[ip + 4] = (byte) ((l4Header + payload) >> 8);
            f[ip + 5] = (byte) (l4Header + payload);
            f[ip + 6] = (byte) protocol;
            f[ip + 7] = 64;
            System.arraycopy(tuple, 0, f, ip + 8, 32);
        } else {
            int total = 20 + l4Header + payload;
            f[ip] = 0x45;
            f[ip + 2] = (byte) (total >> 8);
            f[ip + 3] = (byte) total;
            f[ip + 8] = 64;
            f[ip + 9] = (byte) protocol;
            System.arraycopy(tuple, 0, f, ip + 12, 8);
        }
        System.arraycopy(tuple, 2 * a, f, l4, 4);
        if (protocol == 6) {
            f[l4 + 12] = 0x50; // data offset 5 words
            f[l4 + 13] = 0x10; // ACK
        } else {
            f[l4 + 4] = (byte) ((8 + payload) >> 8);
            f[l4 + 5] = (byte) (8 + payload);
        }
        b.put(at, f);
        return f.length;
    }

    /** The report value of the kind: 2 (TCPv4) or 6 (UDPv6). */
    int report() {
        return kind == Kind.IPV4_TCP ? 2 : 6;
    }

    /**
     * @return the wrapping sum over every frame of {@code hash + queue * 0x9e3779b1 + report *
     *         0x85ebca6b}, from the bit-by-bit reference hash and the default table
     */
    public int referenceSum() {
        int[] table = RssConfig.defaults(LANES).table();
        int sum = 0;
        for (byte[] t : tuples) {
            int h = ToeplitzBench.reference(RssConfig.DEFAULT_KEY, t, 0, t.length);
            sum += h + table[h & (table.length - 1)] * 0x9e3779b1 + report() * 0x85ebca6b;
        }
        return sum;
    }

    /** Writes the C program's input (see c/tsb_decision_main.h) to {@code file}. */
    void writeTo(Path file) {
        int[] table = RssConfig.defaults(LANES).table();
        ByteBuffer b = ByteBuffer.allocate(40 + 20 + 4 * table.length + 4 * FRAMES + FRAMES * SLOT).order(ByteOrder.LITTLE_ENDIAN);
        b.put(RssConfig.DEFAULT_KEY).putInt(FRAMES).putInt(SLOT).putInt(RssConfig.defaults(LANES).hashTypes()).putInt(0)
                .putInt(table.length);
        for (int q : table) {
            b.putInt(q);
        }
        for (int l : lengths) {
            b.putInt(l);
        }
        for (int i = 0; i < FRAMES * SLOT; i++) {
            b.put(frames.get(i));
        }
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the frame file " + file + ": " + e.getMessage(), e);
        }
    }
}
