package io.tapsteer.rss;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.frame.FrameLayout;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.frame.NetworkOrder;
import java.nio.ByteBuffer;

/**
 * The steering decision of the most common frames in a few buffer reads, without building a
 * {@link FrameLayout}: untagged IPv4 with a 20-byte header that is not a fragment, or untagged
 * IPv6 without extension headers, carrying a complete TCP or UDP header (20 or 8 bytes) whose hash
 * type is enabled. Anything else is
 * {@link #GENERAL}, and {@link RssEngine#decide} takes the general walk, which decides these frames
 * identically: the rules are those of {@link FrameParser} and {@link HashCascade}, narrowed. The
 * general walk spends about half of a decision on what these frames do not have (VLAN tags, IPv4
 * options, the IPv6 header chain, the cascade's other branches, packing and unpacking the layout).
 */
final class CommonFrames {
    /** Not a decision (a decision's report bits never exceed 9): take the general walk. */
    static final long GENERAL = -1;
    private static final int TCP4 = HashType.TCPv4.bit(), UDP4 = HashType.UDPv4.bit();
    private static final int TCP6 = HashType.TCPv6.bit(), UDP6 = HashType.UDPv6.bit();

    private CommonFrames() {
    }

    /** @return a {@link RssEngine#decide} result, or {@link #GENERAL} */
    static long decide(ByteBuffer b, int off, int len, Toeplitz t, int types) {
        if (b == null || len < 42 || off < 0 || off > b.limit() - len) { // 42: Ethernet + IPv4 + a UDP header
            return GENERAL;
        }
        long head = NetworkOrder.u64(b, off + 12); // EtherType, then the first 6 bytes of the IP header
        int ethertype = (int) (head >>> 48);
        if (ethertype == 0x0800) {
            return ipv4(b, off, len, head, t, types);
        }
        if (ethertype == 0x86dd && len >= 62) { // Ethernet + IPv6 + a UDP header
            return ipv6(b, off, len, head, t, types);
        }
        return GENERAL;
    }

    private static long ipv4(ByteBuffer b, int off, int len, long head, Toeplitz t, int types) {
        int fragmentProtocol = NetworkOrder.u32(b, off + 20); // flags + fragment offset, TTL, protocol
        if ((int) (head >>> 40 & 0xff) != 0x45 || (fragmentProtocol >>> 16 & 0x3fff) != 0) {
            return GENERAL; // IPv4 options or a malformed header; or a fragment (no ports)
        }
        int protocol = fragmentProtocol & 0xff;
        long report = protocol == 6 && (types & TCP4) != 0 && len >= 14 + 20 + FrameParser.TCP_HEADER ? 2
                : protocol == 17 && (types & UDP4) != 0 ? 3 : 0; // decide() checked the UDP header's length
        if (report == 0) {
            return GENERAL;
        }
        long addresses = NetworkOrder.u64(b, off + 26);
        int h = t.word((int) (addresses >>> 32), 0) ^ t.word((int) addresses, 4)
                ^ t.word(NetworkOrder.u32(b, off + 34), 8);
        return report << 32 | h & 0xffffffffL;
    }

    private static long ipv6(ByteBuffer b, int off, int len, long head, Toeplitz t, int types) {
        int next = NetworkOrder.u8(b, off + 20); // TCP or UDP right after the fixed header: no extension headers
        if ((head >>> 44 & 0xf) != 6) {
            return GENERAL;
        }
        long report = next == 6 && (types & TCP6) != 0 && len >= 14 + 40 + FrameParser.TCP_HEADER ? 5
                : next == 17 && (types & UDP6) != 0 ? 6 : 0; // decide() checked the UDP header's length
        if (report == 0) {
            return GENERAL;
        }
        // source and destination address, 8 bytes per read, then the ports; written out so that
        // every tuple position is a constant
        int h = words(t, NetworkOrder.u64(b, off + 22), 0) ^ words(t, NetworkOrder.u64(b, off + 30), 8)
                ^ words(t, NetworkOrder.u64(b, off + 38), 16) ^ words(t, NetworkOrder.u64(b, off + 46), 24)
                ^ t.word(NetworkOrder.u32(b, off + 54), 32);
        return report << 32 | h & 0xffffffffL;
    }

    private static int words(Toeplitz t, long eight, int position) {
        return t.word((int) (eight >>> 32), position) ^ t.word((int) eight, position + 4);
    }
}
