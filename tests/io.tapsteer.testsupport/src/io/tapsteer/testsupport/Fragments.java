package io.tapsteer.testsupport;

import io.tapsteer.lab.Flows;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Datagrams of lab flow {@code i} ({@link Flows}) cut into IP fragments as a sending host cuts them:
 * the first fragment carries the TCP, UDP or other L4 header, the later ones carry only data; IPv4
 * sets MF and the offset, IPv6 adds a fragment header (next header 44) after the unfragmentable
 * part, which every fragment repeats. Optionally an 802.1Q tag and, for IPv6, a destination-options
 * header with a Home Address option and a routing header of type 2 before the fragment header (what
 * the _EX hash types use). Documentation addresses only.
 */
public final class Fragments {
    /** Bytes of L4 data in each fragment (a multiple of 8, as fragment offsets require). */
    public static final int CHUNK = 48;
    /** A protocol with no ports: ICMP for IPv4, ICMPv6 for IPv6. */
    public static final int OTHER = -1;

    private final boolean ipv6;
    private final int protocol;
    private final int flow;
    private int vlan = -1;
    private boolean exHeaders;

    /**
     * @param ipv6 IPv6, else IPv4
     * @param protocol 6 (TCP), 17 (UDP) or {@link #OTHER}
     * @param flow the lab flow whose addresses and ports the datagram has
     */
    public Fragments(boolean ipv6, int protocol, int flow) {
        this.ipv6 = ipv6;
        this.protocol = protocol == OTHER ? (ipv6 ? 58 : 1) : protocol;
        this.flow = flow;
    }

    /** Puts an 802.1Q tag with this VLAN id into every frame. */
    public Fragments vlan(int id) {
        vlan = id;
        return this;
    }

    /** IPv6 only: a Home Address option and a routing header of type 2 before the fragment header. */
    public Fragments exHeaders() {
        exHeaders = true;
        return this;
    }

    /** @return the L4 header length of the datagram's protocol: 20 (TCP), 8 (UDP, ICMP) */
    public int l4Header() {
        return protocol == 6 ? 20 : 8;
    }

    /** @return the IP protocol number (ICMP 1 or ICMPv6 58 for {@link #OTHER}) */
    public int protocol() {
        return protocol;
    }

    /**
     * @param count fragments, at least 1 (for IPv6, 1 gives an atomic fragment: a fragment header
     *        with offset 0 and M clear; for IPv4 an unfragmented datagram)
     * @return the frames of the datagram cut into {@code count} fragments of {@link #CHUNK} data bytes
     */
    public List<byte[]> cut(int count) {
        byte[] segment = segment(count * CHUNK);
        List<byte[]> frames = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            byte[] piece = new byte[CHUNK];
            System.arraycopy(segment, k * CHUNK, piece, 0, CHUNK);
            frames.add(frame(piece, k * CHUNK / 8, k + 1 < count, true));
        }
        return frames;
    }

    /** @return the datagram in one frame, not fragmented ({@code dataBytes} of L4 data, header included) */
    public byte[] whole(int dataBytes) {
        return frame(segment(dataBytes), 0, false, false);
    }

    /**
     * @return the unfragmented datagram cut short {@code l4Bytes} bytes into its L4 header (0 to the
     *         header's length): a frame whose TCP, UDP or other header is not complete
     */
    public byte[] cutInto(int l4Bytes) {
        byte[] f = whole(CHUNK);
        int l4 = f.length - CHUNK;
        return java.util.Arrays.copyOf(f, l4 + l4Bytes);
    }

    /** The L4 header with the flow's ports (the ICMP identifier for OTHER), then a data pattern. */
    private byte[] segment(int length) {
        ByteBuffer s = ByteBuffer.allocate(Math.max(length, l4Header()));
        if (protocol == 6 || protocol == 17) {
            s.putShort(0, (short) Flows.sourcePort(flow)).putShort(2, (short) Flows.destinationPort(flow));
        } else {
            s.put(0, (byte) (ipv6 ? 128 : 8)).putShort(4, (short) flow); // echo request, identifier
        }
        if (protocol == 6) {
            s.put(12, (byte) 0x50).put(13, (byte) 0x18); // data offset 5, PSH+ACK
        } else if (protocol == 17) {
            s.putShort(4, (short) s.capacity());
        }
        for (int i = l4Header(); i < s.capacity(); i++) {
            s.put(i, (byte) (0xa5 ^ i * 31 ^ flow)); // data that differs where later fragments' "ports" would be
        }
        return s.array();
    }

    private byte[] frame(byte[] data, int offsetUnits, boolean more, boolean fragment) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {0x02, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x02, 0x00, 0x5e, 0x00, 0x53, 0x02});
        if (vlan >= 0) {
            f.writeBytes(new byte[] {(byte) 0x81, 0x00, (byte) (vlan >> 8 & 0x0f), (byte) vlan});
        }
        if (ipv6) {
            f.writeBytes(new byte[] {(byte) 0x86, (byte) 0xdd});
            f.writeBytes(ipv6Headers(data.length, offsetUnits, more, fragment));
        } else {
            f.writeBytes(new byte[] {0x08, 0x00});
            f.writeBytes(ipv4Header(data.length, offsetUnits, more));
        }
        f.writeBytes(data);
        return f.toByteArray();
    }

    private byte[] ipv4Header(int dataLength, int offsetUnits, boolean more) {
        ByteBuffer h = ByteBuffer.allocate(20);
        h.put(0, (byte) 0x45).putShort(2, (short) (20 + dataLength)).putShort(4, (short) (0x4000 + flow));
        h.putShort(6, (short) ((more ? 0x2000 : 0) | offsetUnits & 0x1fff)).put(8, (byte) 64).put(9, (byte) protocol);
        h.put(12, Flows.ipv4Source(flow)).put(16, Flows.ipv4Destination(flow));
        int sum = 0;
        for (int k = 0; k < 20; k += 2) {
            sum += h.getShort(k) & 0xffff;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return h.putShort(10, (short) ~sum).array();
    }

    private byte[] ipv6Headers(int dataLength, int offsetUnits, boolean more, boolean fragment) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        List<Integer> types = new ArrayList<>();
        if (exHeaders) {
            types.add(60);
            types.add(43);
        }
        if (fragment) {
            types.add(44);
        }
        for (int i = 0; i < types.size(); i++) {
            int next = i + 1 < types.size() ? types.get(i + 1) : protocol;
            ext.writeBytes(extension(types.get(i), next, offsetUnits, more));
        }
        ByteBuffer h = ByteBuffer.allocate(40);
        h.putInt(0, 0x60000000).putShort(4, (short) (ext.size() + dataLength));
        h.put(6, (byte) (types.isEmpty() ? protocol : types.get(0))).put(7, (byte) 64);
        h.put(8, Flows.ipv6Source(flow)).put(24, Flows.ipv6Destination(flow));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(h.array());
        all.writeBytes(ext.toByteArray());
        return all.toByteArray();
    }

    private byte[] extension(int type, int next, int offsetUnits, boolean more) {
        ByteBuffer h;
        if (type == 44) {
            h = ByteBuffer.allocate(8);
            h.putShort(2, (short) (offsetUnits << 3 | (more ? 1 : 0))).putInt(4, 0x10000 + flow);
        } else if (type == 43) { // routing type 2: one address, the care-of destination
            h = ByteBuffer.allocate(24);
            h.put(1, (byte) 2).put(2, (byte) 2).put(3, (byte) 1).put(8, address(4));
        } else { // destination options: PadN of 2, then the Home Address option
            h = ByteBuffer.allocate(24);
            h.put(1, (byte) 2).put(2, (byte) 1).put(3, (byte) 2).put(6, (byte) 0xc9).put(7, (byte) 16).put(8, address(3));
        }
        return h.put(0, (byte) next).array();
    }

    /** @return 2001:db8:n::flow */
    private byte[] address(int n) {
        byte[] a = Flows.ipv6Source(flow);
        a[5] = (byte) n;
        return a;
    }
}
