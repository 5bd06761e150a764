package io.tapsteer.ebpf.tests;

import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The mixed frame set of the cross-checks: IPv4/IPv6, TCP/UDP, untagged, 802.1Q, QinQ (802.1ad +
 * 802.1Q), IPv4 with options, IPv4 first and later fragments (TCP, and UDP behind a tag), and non-IP frames (ARP, LLDP
 * EtherTypes). Every frame ends with its id (8 bytes, big endian), documentation addresses only.
 */
final class LabFrames {
    private LabFrames() {
    }

    /** @return {@code count} frames, frame i of kind i % 16 and flow i */
    static List<byte[]> mixed(int count) {
        List<byte[]> frames = new ArrayList<>(count);
        FrameBuilder b = new FrameBuilder();
        for (int i = 0; i < count; i++) {
            frames.add(frame(b, i));
        }
        return frames;
    }

    static byte[] frame(FrameBuilder b, int i) {
        int kind = i % 16;
        Flows.mixed(b, i / 16 * 4 + (kind & 3)).payload(24); // v4/udp, v4/tcp, v6/tcp, v6/udp in turn
        switch (kind >> 2) {
            case 1 -> b.vlan(FrameBuilder.TPID_8021Q, 1 + i % 4000);
            case 2 -> b.vlan(FrameBuilder.TPID_8021AD, 100 + i % 50).vlan(FrameBuilder.TPID_8021Q, 1 + i % 4000);
            default -> { }
        }
        byte[] f;
        if (kind == 12) {
            f = withIpv4Options(b.build(), 4 + 4 * (i % 10)); // IPv4 UDP with options
        } else if (kind == 13) {
            f = b.fragment(i % 3 == 0 ? 0 : 1 + i % 100, i % 3 != 2).build(); // IPv4 TCP fragments
        } else if (kind == 14) {
            f = b.reset().etherType(i % 2 == 0 ? 0x0806 : 0x88cc).payload(46).build(); // non-IP
        } else if (kind == 15) {
            f = Flows.mixed(b, i / 16 * 4).payload(24).vlan(FrameBuilder.TPID_8021Q, 7)
                    .fragment(i % 2 == 0 ? 0 : 185, i % 2 == 0).build(); // tagged IPv4/UDP fragments
        } else {
            f = b.build();
        }
        ByteBuffer.wrap(f).putLong(f.length - 8, i);
        return f;
    }

    /**
     * @param frame an untagged IPv4 frame
     * @param optionBytes a multiple of 4, up to 40
     * @return the frame with NOP options (0x01) ending in EOL inserted after the 20-byte header
     */
    static byte[] withIpv4Options(byte[] frame, int optionBytes) {
        int ip = 14;
        byte[] f = new byte[frame.length + optionBytes];
        System.arraycopy(frame, 0, f, 0, ip + 20);
        for (int k = 0; k < optionBytes; k++) {
            f[ip + 20 + k] = (byte) (k == optionBytes - 1 ? 0 : 1);
        }
        System.arraycopy(frame, ip + 20, f, ip + 20 + optionBytes, frame.length - ip - 20);
        ByteBuffer b = ByteBuffer.wrap(f);
        b.put(ip, (byte) (0x40 | (20 + optionBytes) / 4));
        b.putShort(ip + 2, (short) ((b.getShort(ip + 2) & 0xffff) + optionBytes));
        b.putShort(ip + 10, (short) 0);
        int sum = 0;
        for (int k = 0; k < 20 + optionBytes; k += 2) {
            sum += b.getShort(ip + k) & 0xffff;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        b.putShort(ip + 10, (short) ~sum);
        return f;
    }

    /** First byte of a source MAC that carries a frame id (a locally administered unicast address). */
    static final int ID_IN_MAC = 0x7e;

    /**
     * @return frame {@code i} of {@code source} cut short at a length from 14 (the Ethernet header)
     *         to its full length minus one, its id {@code i} carried in the source MAC (the end is gone)
     */
    static byte[] truncated(List<byte[]> source, int i) {
        byte[] full = source.get(i % source.size());
        int cut = 14 + (int) ((i * 7919L) % (full.length - 14));
        return withIdInMac(java.util.Arrays.copyOf(full, cut), i);
    }

    /** @return the frame, its source MAC changed to carry {@code id} (40 bits), for frames whose end may be cut */
    static byte[] withIdInMac(byte[] f, long id) {
        f[6] = (byte) ID_IN_MAC;
        for (int k = 0; k < 5; k++) {
            f[7 + k] = (byte) (id >>> (32 - 8 * k));
        }
        return f;
    }

    /** @return the id of a frame read from a queue: from the source MAC when marked, else its last 8 bytes */
    static long idOf(ByteBuffer frame, int length) {
        if ((frame.get(6) & 0xff) == ID_IN_MAC) {
            long id = 0;
            for (int k = 0; k < 5; k++) {
                id = id << 8 | (frame.get(7 + k) & 0xff);
            }
            return id;
        }
        return frame.getLong(length - 8);
    }

    /** Chains of {@link #ipv6Chain}: every kind of extension header the parsers know. */
    static final int CHAINS = 10;
    /** The chain whose Home Address option sits behind more options than the kernel program examines. */
    static final int CHAIN_BEYOND_BOUND = 7;

    /**
     * An IPv6 TCP (even i) or UDP (odd i) frame, 802.1Q-tagged for i % 3 == 1, with extension chain
     * {@code i % CHAINS}: 0 hop-by-hop; 1 destination options with a Home Address option; 2 routing
     * type 2; 3 both; 4 first fragment; 5 later fragment; 6 nine headers (beyond the parsers' eight);
     * 7 a Home Address option behind six options ({@link #CHAIN_BEYOND_BOUND}); 8 routing type 0;
     * 9 hop-by-hop, Home Address, routing type 2 and a first fragment.
     */
    static byte[] ipv6Chain(int i) {
        FrameBuilder b = new FrameBuilder();
        Flows.mixed(b, i * 4 + 2 + (i & 1)).payload(24);
        if (i % 3 == 1) {
            b.vlan(FrameBuilder.TPID_8021Q, 10 + i % 100);
        }
        byte[] plain = b.build();
        int l3 = i % 3 == 1 ? 18 : 14;
        int proto = plain[l3 + 6] & 0xff;
        java.io.ByteArrayOutputStream chain = new java.io.ByteArrayOutputStream();
        int[] types = switch (i % CHAINS) {
            case 0 -> new int[] {0};
            case 1 -> new int[] {60};
            case 2 -> new int[] {43};
            case 3 -> new int[] {60, 43};
            case 4 -> new int[] {44};
            case 5 -> new int[] {45}; // a later fragment, written as 44 below
            case 6 -> new int[] {0, 62, 62, 62, 62, 62, 62, 62, 62}; // plain destination options
            case 7 -> new int[] {61}; // destination options with the Home Address option late
            case 8 -> new int[] {42}; // routing type 0, written as 43
            default -> new int[] {0, 60, 43, 44};
        };
        int first = 0;
        for (int h = 0; h < types.length; h++) {
            int type = types[h];
            if (h == 0) {
                first = wire(type);
            }
            chain.writeBytes(extension(type, h + 1 < types.length ? wire(types[h + 1]) : proto, i));
        }
        byte[] ext = chain.toByteArray();
        byte[] f = new byte[plain.length + ext.length];
        System.arraycopy(plain, 0, f, 0, l3 + 40);
        System.arraycopy(ext, 0, f, l3 + 40, ext.length);
        System.arraycopy(plain, l3 + 40, f, l3 + 40 + ext.length, plain.length - l3 - 40);
        ByteBuffer bb = ByteBuffer.wrap(f);
        f[l3 + 6] = (byte) first;
        bb.putShort(l3 + 4, (short) ((bb.getShort(l3 + 4) & 0xffff) + ext.length));
        bb.putLong(f.length - 8, 0x1000000L + i);
        return f;
    }

    /** @return the header type on the wire of a chain element (45 later fragment, 61/62 destination options, 42 routing type 0) */
    private static int wire(int kind) {
        return switch (kind) {
            case 45 -> 44;
            case 61, 62 -> 60;
            case 42 -> 43;
            default -> kind;
        };
    }

    private static byte[] extension(int kind, int next, int i) {
        ByteBuffer h;
        switch (kind) {
            case 44, 45 -> { // fragment: first (offset 0, M) or later (offset 100)
                h = ByteBuffer.allocate(8);
                h.put(0, (byte) next).putShort(2, (short) (kind == 44 ? 1 : 100 << 3)).putInt(4, i);
            }
            case 43, 42 -> { // routing: type 2 with one address, or type 0
                h = ByteBuffer.allocate(24);
                h.put(0, (byte) next).put(1, (byte) 2).put(2, (byte) (kind == 43 ? 2 : 0)).put(3, (byte) 1);
                h.put(8, address(4, i));
            }
            case 60, 61 -> { // destination options: PadN then Home Address; or six Pad1/PadN first
                int lead = kind == 60 ? 4 : 8;
                h = ByteBuffer.allocate(kind == 60 ? 24 : 32);
                h.put(0, (byte) next).put(1, (byte) (h.capacity() / 8 - 1));
                if (kind == 60) {
                    h.put(2, (byte) 1).put(3, (byte) 2); // PadN of 2
                } else {
                    h.put(2, (byte) 0).put(3, (byte) 0).put(4, (byte) 0).put(5, (byte) 0); // four Pad1
                    h.put(6, (byte) 1).put(7, (byte) 0).put(8, (byte) 1).put(9, (byte) 0); // two empty PadN
                }
                int o = 2 + lead;
                h.put(o, (byte) 0xc9).put(o + 1, (byte) 16).put(o + 2, address(3, i));
                if (kind == 61) {
                    h.put(o + 18, (byte) 1).put(o + 19, (byte) 2); // PadN filling the last 4 bytes
                }
            }
            default -> { // hop-by-hop or plain destination options: PadN filling 8 bytes
                h = ByteBuffer.allocate(8);
                h.put(0, (byte) next).put(2, (byte) 1).put(3, (byte) 4);
            }
        }
        return h.array();
    }

    /** @return 2001:db8:n::i */
    private static byte[] address(int n, int i) {
        byte[] a = Flows.ipv6Source(i);
        a[5] = (byte) n;
        return a;
    }
}
