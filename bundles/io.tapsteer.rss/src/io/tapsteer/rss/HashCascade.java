package io.tapsteer.rss;

import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.frame.FrameLayout;
import io.tapsteer.frame.FrameParser;

/**
 * Which enabled hash type applies to a parsed frame: the cascade of the virtio-net specification
 * (5.1.6.4.3.1). The result is the hash report value of {@code virtio_net_hdr_v1_hash}.
 *
 * <ul>
 * <li>IPv4: TCPv4 if enabled and the frame has TCP ports, else UDPv4 if enabled and it has UDP
 *     ports, else IPv4 if enabled, else none.</li>
 * <li>IPv6 with extension headers: TCP_EX, else UDP_EX, else IP_EX (same conditions), and when
 *     none of those applies, the rules for IPv6 without extension headers.</li>
 * <li>IPv6 without extension headers: TCPv6, else UDPv6, else IPv6, else none. (_EX types do not
 *     apply to frames without extension headers.)</li>
 * </ul>
 * "Has ports" means a TCP or UDP header complete in the frame of a datagram that is not
 * fragmented: a fragment (the first one, which carries the header, included), a header cut short
 * or a protocol other than TCP/UDP has no ports, so only the IP types apply, and every fragment
 * of a datagram gets the same hash.
 */
public final class HashCascade {
    private static final int TCP4 = HashType.TCPv4.bit(), UDP4 = HashType.UDPv4.bit(), IP4 = HashType.IPv4.bit();
    private static final int TCP6 = HashType.TCPv6.bit(), UDP6 = HashType.UDPv6.bit(), IP6 = HashType.IPv6.bit();
    private static final int TCPX = HashType.TCP_EX.bit(), UDPX = HashType.UDP_EX.bit(), IPX = HashType.IP_EX.bit();
    private static final HashType[] BY_REPORT = {null, HashType.IPv4, HashType.TCPv4, HashType.UDPv4, HashType.IPv6,
        HashType.TCPv6, HashType.UDPv6, HashType.IP_EX, HashType.TCP_EX, HashType.UDP_EX};

    private HashCascade() {
    }

    /**
     * @param layout a {@link FrameParser#layout} result
     * @param types the enabled hash types mask
     * @return the hash report value (1..9), 0 (NONE) when no enabled type applies
     */
    public static int report(long layout, int types) {
        int family = FrameLayout.family(layout);
        int l4 = FrameLayout.l4(layout);
        if (family == FrameLayout.IPV4) {
            if (l4 == FrameLayout.L4_TCP && (types & TCP4) != 0) return 2;
            if (l4 == FrameLayout.L4_UDP && (types & UDP4) != 0) return 3;
            return (types & IP4) != 0 ? 1 : 0;
        }
        if (family != FrameLayout.IPV6) {
            return 0;
        }
        if (FrameLayout.extensionHeaders(layout)) {
            if (l4 == FrameLayout.L4_TCP && (types & TCPX) != 0) return 8;
            if (l4 == FrameLayout.L4_UDP && (types & UDPX) != 0) return 9;
            if ((types & IPX) != 0) return 7;
        }
        if (l4 == FrameLayout.L4_TCP && (types & TCP6) != 0) return 5;
        if (l4 == FrameLayout.L4_UDP && (types & UDP6) != 0) return 6;
        return (types & IP6) != 0 ? 4 : 0;
    }

    /** @return the hash type of a report value, null for NONE */
    public static HashType typeOf(int report) {
        return report > 0 && report < BY_REPORT.length ? BY_REPORT[report] : null;
    }

    /** @return whether the report's tuple includes ports */
    public static boolean hasPorts(int report) {
        return report == 2 || report == 3 || report == 5 || report == 6 || report == 8 || report == 9;
    }

    /** @return tuple length in bytes for a report value: 8, 12, 32 or 36; 0 for NONE */
    public static int tupleBytes(int report) {
        if (report <= 0 || report > 9) return 0;
        return (report <= 3 ? 8 : 32) + (hasPorts(report) ? 4 : 0);
    }

    /** @return the {@link HashReport} of a value */
    public static HashReport hashReport(int report) {
        return HashReport.of(report);
    }
}
