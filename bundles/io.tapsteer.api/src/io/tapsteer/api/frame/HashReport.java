package io.tapsteer.api.frame;

/**
 * The hash report of {@code virtio_net_hdr_v1_hash} (VIRTIO_NET_HASH_REPORT_*): which hash type a
 * frame's hash was computed for.
 */
public enum HashReport {
    /** No hash: the frame was unclassified. */
    NONE(0),
    /** IPv4. */
    IPv4(1),
    /** TCP over IPv4. */
    TCPv4(2),
    /** UDP over IPv4. */
    UDPv4(3),
    /** IPv6. */
    IPv6(4),
    /** TCP over IPv6. */
    TCPv6(5),
    /** UDP over IPv6. */
    UDPv6(6),
    /** IPv6 with extension-header addresses. */
    IPv6_EX(7),
    /** TCP over IPv6 with extension-header addresses. */
    TCPv6_EX(8),
    /** UDP over IPv6 with extension-header addresses. */
    UDPv6_EX(9);

    private static final HashReport[] BY_VALUE = values();
    private final int value;

    HashReport(int value) {
        this.value = value;
    }

    /** @return the value written into the vnet header's hash_report field */
    public int value() {
        return value;
    }

    /** @return the report for a header value, NONE when out of range */
    public static HashReport of(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : NONE;
    }
}
