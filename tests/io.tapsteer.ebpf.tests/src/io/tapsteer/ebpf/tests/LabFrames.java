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

    /**
     * @param hops how many IPv6 extension headers (destination options, 8 bytes each) to put before UDP
     * @return an untagged IPv6/UDP frame with that chain, id at the end
     */
    static byte[] ipv6WithExtensions(int flow, int hops, long id) {
        FrameBuilder b = new FrameBuilder();
        byte[] plain = Flows.mixed(b, flow * 4 + 3).payload(24).build(); // IPv6/UDP
        int ip = 14;
        byte[] f = new byte[plain.length + 8 * hops];
        System.arraycopy(plain, 0, f, 0, ip + 40);
        int p = ip + 40;
        for (int h = 0; h < hops; h++) {
            f[p] = (byte) (h == hops - 1 ? 17 : 60); // next header
            f[p + 1] = 0; // 8 bytes
            f[p + 2] = 1; // PadN option filling the rest
            f[p + 3] = 4;
            p += 8;
        }
        System.arraycopy(plain, ip + 40, f, p, plain.length - ip - 40);
        ByteBuffer bb = ByteBuffer.wrap(f);
        if (hops > 0) {
            f[ip + 6] = 60;
        }
        bb.putShort(ip + 4, (short) ((bb.getShort(ip + 4) & 0xffff) + 8 * hops));
        bb.putLong(f.length - 8, id);
        return f;
    }
}
