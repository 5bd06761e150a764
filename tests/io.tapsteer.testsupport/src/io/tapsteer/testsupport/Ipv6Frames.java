package io.tapsteer.testsupport;

import java.io.ByteArrayOutputStream;

/**
 * Hand-built IPv6 frames with extension headers (hop-by-hop, destination options with a Home
 * Address option, routing type 2, fragment), for the _EX hash types. Documentation addresses.
 */
public final class Ipv6Frames {
    public static final byte[] SRC = addr(0x10);
    public static final byte[] DST = addr(0x20);
    public static final byte[] HOME = addr(0x30);
    public static final byte[] CARE_OF_DST = addr(0x40);

    private final java.util.List<Integer> kinds = new java.util.ArrayList<>();
    private final java.util.List<byte[]> bodies = new java.util.ArrayList<>();

    /** @return 2001:db8::n */
    public static byte[] addr(int n) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = (byte) n;
        return a;
    }

    public Ipv6Frames hopByHop() {
        return ext(0, new byte[] {0, 0, 1, 4, 0, 0, 0, 0});
    }

    public Ipv6Frames destinationOptions() {
        return ext(60, new byte[] {0, 0, 1, 4, 0, 0, 0, 0});
    }

    /** Destination options with PadN then the Home Address option at offset 6 (8n+6 alignment). */
    public Ipv6Frames homeAddress(byte[] home) {
        byte[] h = new byte[24];
        h[1] = 2;
        h[2] = 1;
        h[3] = 2;
        h[6] = (byte) 0xc9;
        h[7] = 16;
        System.arraycopy(home, 0, h, 8, 16);
        return ext(60, h);
    }

    /**
     * A routing header with one address: type 2 (Mobile IPv6) makes the address the destination of
     * the _EX hash types; any other type (0, deprecated) does not.
     */
    public Ipv6Frames routing(int type, byte[] address) {
        byte[] h = new byte[24];
        h[1] = 2;
        h[2] = (byte) type;
        h[3] = 1;
        System.arraycopy(address, 0, h, 8, 16);
        return ext(43, h);
    }

    public Ipv6Frames fragment(int offsetUnits, boolean more) {
        int v = offsetUnits << 3 | (more ? 1 : 0);
        return ext(44, new byte[] {0, 0, (byte) (v >> 8), (byte) v, 0, 0, 0x12, 0x34});
    }

    private Ipv6Frames ext(int kind, byte[] body) {
        kinds.add(kind);
        bodies.add(body);
        return this;
    }

    public byte[] tcp(int sport, int dport) {
        byte[] l4 = new byte[20 + 16];
        l4[0] = (byte) (sport >> 8);
        l4[1] = (byte) sport;
        l4[2] = (byte) (dport >> 8);
        l4[3] = (byte) dport;
        l4[12] = 0x50;
        return build(6, l4);
    }

    public byte[] udp(int sport, int dport) {
        byte[] l4 = new byte[8 + 16];
        l4[0] = (byte) (sport >> 8);
        l4[1] = (byte) sport;
        l4[2] = (byte) (dport >> 8);
        l4[3] = (byte) dport;
        l4[5] = (byte) l4.length;
        return build(17, l4);
    }

    public byte[] build(int protocol, byte[] l4) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {2, 0, 0x5e, 0, 0x53, 1, 2, 0, 0x5e, 0, 0x53, 2, (byte) 0x86, (byte) 0xdd});
        int extLength = bodies.stream().mapToInt(b -> b.length).sum();
        int payload = extLength + l4.length;
        f.writeBytes(new byte[] {0x60, 0, 0, 0, (byte) (payload >> 8), (byte) payload,
            (byte) (kinds.isEmpty() ? protocol : kinds.get(0)), 64});
        f.writeBytes(SRC);
        f.writeBytes(DST);
        for (int i = 0; i < bodies.size(); i++) {
            byte[] b = bodies.get(i).clone();
            b[0] = (byte) (i + 1 < kinds.size() ? kinds.get(i + 1) : protocol);
            f.writeBytes(b);
        }
        f.writeBytes(l4);
        return f.toByteArray();
    }
}
