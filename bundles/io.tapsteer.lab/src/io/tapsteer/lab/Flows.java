package io.tapsteer.lab;

/**
 * A deterministic set of flows in the documentation ranges (198.51.100.0/24 to 203.0.113.0/24,
 * 2001:db8::/32), so that every run of a lab sends the same tuples.
 */
public final class Flows {
    private Flows() {
    }

    /** @return IPv4 source of flow {@code i}: 198.51.100.(1 + i % 250) */
    public static byte[] ipv4Source(int i) {
        return new byte[] {(byte) 198, 51, 100, (byte) (1 + i % 250)};
    }

    /** @return IPv4 destination of flow {@code i}: 203.0.113.(1 + (i / 250) % 250) */
    public static byte[] ipv4Destination(int i) {
        return new byte[] {(byte) 203, 0, 113, (byte) (1 + (i / 250) % 250)};
    }

    /** @return IPv6 source 2001:db8:1::(i) */
    public static byte[] ipv6Source(int i) {
        byte[] a = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        a[12] = (byte) (i >>> 24);
        a[13] = (byte) (i >>> 16);
        a[14] = (byte) (i >>> 8);
        a[15] = (byte) i;
        return a;
    }

    /** @return IPv6 destination 2001:db8:2::(i / 7) */
    public static byte[] ipv6Destination(int i) {
        byte[] a = ipv6Source(i / 7);
        a[5] = 2;
        return a;
    }

    /** @return the source port of flow {@code i} (10000 + i % 50000) */
    public static int sourcePort(int i) {
        return 10000 + i % 50000;
    }

    /** @return the destination port of flow {@code i} (one of a few service ports) */
    public static int destinationPort(int i) {
        return new int[] {80, 443, 53, 4789, 8080}[i % 5];
    }

    /**
     * Sets the builder to flow {@code i} of a mix: IPv4/UDP, IPv4/TCP, IPv6/TCP, IPv6/UDP in turn.
     *
     * @return the builder
     */
    public static FrameBuilder mixed(FrameBuilder b, int i) {
        b.reset();
        switch (i & 3) {
            case 0 -> b.ipv4(ipv4Source(i), ipv4Destination(i)).udp(sourcePort(i), destinationPort(i));
            case 1 -> b.ipv4(ipv4Source(i), ipv4Destination(i)).tcp(sourcePort(i), destinationPort(i));
            case 2 -> b.ipv6(ipv6Source(i), ipv6Destination(i)).tcp(sourcePort(i), destinationPort(i));
            default -> b.ipv6(ipv6Source(i), ipv6Destination(i)).udp(sourcePort(i), destinationPort(i));
        }
        return b;
    }

    /**
     * Sets the builder to flow {@code i} of the mix, VLAN-tagged: 802.1Q VLAN 100 + i % 4, and every
     * fourth flow inside an 802.1ad outer tag (VLAN 200) as QinQ.
     *
     * @return the builder
     */
    public static FrameBuilder vlanTagged(FrameBuilder b, int i) {
        mixed(b, i);
        if (i % 4 == 3) {
            b.vlan(FrameBuilder.TPID_8021AD, 200);
        }
        return b.vlan(FrameBuilder.TPID_8021Q, 100 + i % 4);
    }
}
