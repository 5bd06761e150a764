package io.tapsteer.lab;

import java.nio.ByteBuffer;

/**
 * Builds Ethernet frames for labs and tests: optional 802.1Q / 802.1ad tags, IPv4 or IPv6, TCP or
 * UDP, and a payload that starts with a flow id and a sequence number (both 8 bytes, big endian) so
 * receivers can check loss, duplication and order. Reusable: set fields, then {@link #writeTo}.
 */
public final class FrameBuilder {
    /** Offset of the payload's flow id from the start of the L4 payload. */
    public static final int PAYLOAD_FLOW = 0;
    /** Offset of the payload's sequence number from the start of the L4 payload. */
    public static final int PAYLOAD_SEQUENCE = 8;
    /** EtherType IPv4. */
    public static final int ETH_IPV4 = 0x0800;
    /** EtherType IPv6. */
    public static final int ETH_IPV6 = 0x86dd;
    /** TPID of 802.1Q. */
    public static final int TPID_8021Q = 0x8100;
    /** TPID of 802.1ad. */
    public static final int TPID_8021AD = 0x88a8;
    /** IP protocol TCP. */
    public static final int TCP = 6;
    /** IP protocol UDP. */
    public static final int UDP = 17;

    private static final byte[] DST_MAC = {0x02, 0x00, 0x5e, 0x00, 0x53, 0x01};
    private static final byte[] SRC_MAC = {0x02, 0x00, 0x5e, 0x00, 0x53, 0x02};

    private final int[] tags = new int[4]; // tpid<<16 | vid, outermost first
    private int tagCount;
    private int etherType = ETH_IPV4;
    private final byte[] src = new byte[16];
    private final byte[] dst = new byte[16];
    private int protocol = UDP;
    private int sourcePort;
    private int destinationPort;
    private int payloadLength = 16;
    private long flowId;
    private long sequence;
    private int fragmentOffset;
    private boolean moreFragments;

    /**
     * One frame carrying a flow a user names (the shell's {@code steer:explain}, the GUI's explain
     * panel): IPv4 or IPv6 by the address length, then TCP or UDP, with the lab's payload.
     *
     * @param source source address, 4 or 16 bytes
     * @param destination destination address, the same family
     * @param sourcePort 0 to 65535
     * @param destinationPort 0 to 65535
     * @param protocol {@link #TCP} or {@link #UDP}
     * @return the frame
     * @throws IllegalArgumentException for another protocol or mixed address families
     */
    public static byte[] flowFrame(byte[] source, byte[] destination, int sourcePort, int destinationPort, int protocol) {
        if (source.length != destination.length || (source.length != 4 && source.length != 16)) {
            throw new IllegalArgumentException("addresses of " + source.length + " and " + destination.length
                    + " bytes: both IPv4 (4 bytes) or both IPv6 (16 bytes)");
        }
        if (protocol != TCP && protocol != UDP) {
            throw new IllegalArgumentException("IP protocol " + protocol + ": use " + TCP + " (TCP) or " + UDP + " (UDP)");
        }
        FrameBuilder b = new FrameBuilder().reset();
        if (source.length == 4) {
            b.ipv4(source, destination);
        } else {
            b.ipv6(source, destination);
        }
        if (protocol == TCP) {
            b.tcp(sourcePort, destinationPort);
        } else {
            b.udp(sourcePort, destinationPort);
        }
        return b.build();
    }

    /** Starts over: IPv4/UDP, no tags, 16-byte payload. */
    public FrameBuilder reset() {
        tagCount = 0;
        etherType = ETH_IPV4;
        protocol = UDP;
        payloadLength = 16;
        fragmentOffset = 0;
        moreFragments = false;
        return this;
    }

    /** Adds a VLAN tag (call twice for QinQ: outer {@link #TPID_8021AD}, inner {@link #TPID_8021Q}). */
    public FrameBuilder vlan(int tpid, int vid) {
        if (tagCount == tags.length) {
            throw new IllegalArgumentException("at most " + tags.length + " VLAN tags");
        }
        tags[tagCount++] = tpid << 16 | (vid & 0xfff);
        return this;
    }

    /** IPv4 with 4-byte addresses. */
    public FrameBuilder ipv4(byte[] source, byte[] destination) {
        etherType = ETH_IPV4;
        System.arraycopy(source, 0, src, 0, 4);
        System.arraycopy(destination, 0, dst, 0, 4);
        return this;
    }

    /** IPv6 with 16-byte addresses. */
    public FrameBuilder ipv6(byte[] source, byte[] destination) {
        etherType = ETH_IPV6;
        System.arraycopy(source, 0, src, 0, 16);
        System.arraycopy(destination, 0, dst, 0, 16);
        return this;
    }

    /** A non-IP frame of this EtherType (for example 0x0806 ARP); no L3 header is written. */
    public FrameBuilder etherType(int type) {
        etherType = type;
        return this;
    }

    /** TCP ports. */
    public FrameBuilder tcp(int sport, int dport) {
        protocol = TCP;
        sourcePort = sport;
        destinationPort = dport;
        return this;
    }

    /** UDP ports. */
    public FrameBuilder udp(int sport, int dport) {
        protocol = UDP;
        sourcePort = sport;
        destinationPort = dport;
        return this;
    }

    /** IPv4 fragment fields: offset in 8-byte units and the MF flag. */
    public FrameBuilder fragment(int offsetUnits, boolean more) {
        fragmentOffset = offsetUnits;
        moreFragments = more;
        return this;
    }

    /** Payload length, at least 16 (flow id + sequence). */
    public FrameBuilder payload(int length) {
        payloadLength = Math.max(16, length);
        return this;
    }

    /** The flow id and sequence written at the start of the payload. */
    public FrameBuilder stamp(long flow, long seq) {
        flowId = flow;
        sequence = seq;
        return this;
    }

    /** @return the frame length {@link #writeTo} writes */
    public int length() {
        int l2 = 14 + 4 * tagCount;
        if (etherType == ETH_IPV4) {
            return l2 + 20 + l4Length();
        }
        if (etherType == ETH_IPV6) {
            return l2 + 40 + l4Length();
        }
        return Math.max(60, l2 + payloadLength);
    }

    private int l4Length() {
        boolean ports = etherType != ETH_IPV4 || fragmentOffset == 0;
        return (ports ? (protocol == TCP ? 20 : 8) : 0) + payloadLength;
    }

    /**
     * Writes the frame (absolute puts; the buffer's position is untouched).
     *
     * @return the frame length
     */
    public int writeTo(ByteBuffer b, int off) {
        int p = off;
        for (int i = 0; i < 6; i++) {
            b.put(p++, DST_MAC[i]);
        }
        for (int i = 0; i < 6; i++) {
            b.put(p++, SRC_MAC[i]);
        }
        for (int i = 0; i < tagCount; i++) {
            b.putShort(p, (short) (tags[i] >>> 16));
            b.putShort(p + 2, (short) (tags[i] & 0xfff));
            p += 4;
        }
        b.putShort(p, (short) etherType);
        p += 2;
        if (etherType == ETH_IPV4) {
            p = writeIpv4(b, p);
        } else if (etherType == ETH_IPV6) {
            p = writeIpv6(b, p);
        } else {
            int end = off + length();
            while (p < end) {
                b.put(p++, (byte) 0);
            }
            return end - off;
        }
        if (etherType != ETH_IPV4 || fragmentOffset == 0) {
            p = writeL4(b, p);
        }
        b.putLong(p, flowId);
        b.putLong(p + 8, sequence);
        for (int i = 16; i < payloadLength; i++) {
            b.put(p + i, (byte) i);
        }
        return p + payloadLength - off;
    }

    private int writeIpv4(ByteBuffer b, int p) {
        int total = 20 + l4Length();
        b.put(p, (byte) 0x45);
        b.put(p + 1, (byte) 0);
        b.putShort(p + 2, (short) total);
        b.putShort(p + 4, (short) sequence);
        b.putShort(p + 6, (short) ((moreFragments ? 0x2000 : 0) | (fragmentOffset & 0x1fff)));
        b.put(p + 8, (byte) 64);
        b.put(p + 9, (byte) protocol);
        b.putShort(p + 10, (short) 0);
        for (int i = 0; i < 4; i++) {
            b.put(p + 12 + i, src[i]);
            b.put(p + 16 + i, dst[i]);
        }
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += b.getShort(p + i) & 0xffff;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        b.putShort(p + 10, (short) ~sum);
        return p + 20;
    }

    private int writeIpv6(ByteBuffer b, int p) {
        b.putInt(p, 0x60000000);
        b.putShort(p + 4, (short) l4Length());
        b.put(p + 6, (byte) protocol);
        b.put(p + 7, (byte) 64);
        for (int i = 0; i < 16; i++) {
            b.put(p + 8 + i, src[i]);
            b.put(p + 24 + i, dst[i]);
        }
        return p + 40;
    }

    private int writeL4(ByteBuffer b, int p) {
        b.putShort(p, (short) sourcePort);
        b.putShort(p + 2, (short) destinationPort);
        if (protocol == TCP) {
            b.putInt(p + 4, (int) sequence);
            b.putInt(p + 8, 0);
            b.put(p + 12, (byte) 0x50);
            b.put(p + 13, (byte) 0x10); // ACK
            b.putShort(p + 14, (short) 0xffff);
            b.putInt(p + 16, 0);
            return p + 20;
        }
        b.putShort(p + 4, (short) (8 + payloadLength));
        b.putShort(p + 6, (short) 0); // no UDP checksum
        return p + 8;
    }

    /** @return the frame as a new array (tests) */
    public byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(length());
        writeTo(b, 0);
        return b.array();
    }

    /**
     * @param frame a frame this builder wrote (no vnet header), at {@code off}
     * @return the offset of its payload (flow id, then sequence), or -1 for a non-IP frame
     */
    public static int payloadOffset(ByteBuffer frame, int off) {
        int p = off + 12;
        int type = frame.getShort(p) & 0xffff;
        while (type == TPID_8021Q || type == TPID_8021AD) {
            p += 4;
            type = frame.getShort(p) & 0xffff;
        }
        p += 2;
        if (type == ETH_IPV4) {
            int proto = frame.get(p + 9) & 0xff;
            boolean first = (frame.getShort(p + 6) & 0x1fff) == 0;
            return p + 20 + (first ? (proto == TCP ? 20 : 8) : 0);
        }
        if (type == ETH_IPV6) {
            return p + 40 + ((frame.get(p + 6) & 0xff) == TCP ? 20 : 8);
        }
        return -1;
    }
}
