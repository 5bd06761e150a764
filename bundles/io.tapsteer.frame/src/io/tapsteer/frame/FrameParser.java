package io.tapsteer.frame;

import static io.tapsteer.frame.FrameLayout.*;
import static io.tapsteer.frame.NetworkOrder.*;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashType;
import java.nio.ByteBuffer;

/**
 * Parses Ethernet frames far enough for RSS: Ethernet, up to two VLAN tags (802.1Q 0x8100, 802.1ad
 * 0x88a8, 0x9100), IPv4 (options, fragments) and IPv6 with at most {@link #MAX_EXTENSION_HEADERS}
 * extension headers (hop-by-hop, routing, fragment, destination options), then TCP or UDP ports.
 *
 * <p>Never throws and never reads outside {@code [off, off + len)}: anything truncated or malformed
 * is unclassified. Stateless and allocation-free; all reads are absolute, so the buffer's position,
 * limit and byte order are irrelevant and untouched.
 *
 * <p>Rules a second implementation (the kernel eBPF program) must follow to agree with this one:
 * <ul>
 * <li>Unclassified: fewer than 14 bytes; a third VLAN tag; an EtherType other than 0x0800/0x86dd;
 *     an IP header that is truncated or has a wrong version or an IPv4 IHL below 5; a truncated
 *     IPv6 extension header (a fragment header included).</li>
 * <li>No ports (addresses only): every fragment, the first one that carries the TCP or UDP header
 *     included, so that all fragments of a datagram hash alike (IPv4: the MF flag or a fragment
 *     offset, {@code frag_off & 0x3fff}; IPv6: a fragment header in the chain, where the walk
 *     stops); a TCP header shorter than 20 bytes or a UDP header shorter than 8 in the frame; a
 *     protocol other than TCP/UDP; more than {@link #MAX_EXTENSION_HEADERS} extension headers.</li>
 * <li>IPv6 _EX addresses: the first Home Address option (type 0xc9, length 16) of any destination
 *     options header, and the address of the first routing header of type 2 (at least 24 bytes),
 *     both before a fragment header.</li>
 * <li>The IPv4 total length and IPv6 payload length are not checked: the frame length bounds all reads.</li>
 * </ul>
 */
public final class FrameParser {
    /** Most IPv6 extension headers walked before the L4 header is given up on. */
    public static final int MAX_EXTENSION_HEADERS = 8;
    /** Most VLAN tags. */
    public static final int MAX_VLAN_TAGS = 2;
    /** Bytes a TCP header must have in the frame for its ports to count: the header without options. */
    public static final int TCP_HEADER = 20;
    /** Bytes a UDP header must have in the frame for its ports to count. */
    public static final int UDP_HEADER = 8;

    private static final int WANT_LAYOUT = 0;
    private static final int WANT_HOME = 1;
    private static final int WANT_RT2 = 2;

    private FrameParser() {
    }

    /**
     * @param b the buffer holding the frame
     * @param off where the Ethernet header starts
     * @param len the frame length
     * @return the packed layout, decoded with {@link FrameLayout}
     */
    public static long layout(ByteBuffer b, int off, int len) {
        if (b == null || off < 0 || len < 0 || off > b.limit() - len) {
            return unclassified(R_OUTSIDE, 0);
        }
        if (len < 14) {
            return unclassified(R_SHORT_L2, 0);
        }
        int p = 12;
        int type = u16(b, off + p);
        int vlans = 0;
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            if (vlans == MAX_VLAN_TAGS) {
                return unclassified(R_VLANS, vlans);
            }
            if (p + 6 > len) {
                return unclassified(R_SHORT_VLAN, vlans);
            }
            p += 4;
            type = u16(b, off + p);
            vlans++;
        }
        int l3 = p + 2;
        if (type == 0x0800) {
            return ipv4(b, off, len, l3, vlans);
        }
        if (type == 0x86dd) {
            return ipv6(b, off, len, l3, vlans, WANT_LAYOUT);
        }
        return unclassified(R_NOT_IP, vlans);
    }

    private static long ipv4(ByteBuffer b, int off, int len, int l3, int vlans) {
        if (l3 + 20 > len) {
            return unclassified(R_SHORT_V4, vlans);
        }
        int vihl = u8(b, off + l3);
        int ihl = (vihl & 0xf) * 4;
        if (vihl >>> 4 != 4 || ihl < 20) {
            return unclassified(R_BAD_V4, vlans);
        }
        if (l3 + ihl > len) {
            return unclassified(R_SHORT_V4, vlans);
        }
        int fragTtlProtocol = u32(b, off + l3 + 6); // one read: flags + fragment offset, TTL, protocol
        int frag = fragTtlProtocol >>> 16;
        int protocol = fragTtlProtocol & 0xff;
        if ((frag & 0x3fff) != 0) { // MF or an offset: a fragment, hashed by its addresses like every other one
            int flags = FRAG | ((frag & 0x1fff) != 0 ? LATER : 0);
            return of(IPV4, L4_NONE, flags, R_FRAGMENT, vlans, l3, 0, protocol);
        }
        return l4(IPV4, 0, vlans, l3, l3 + ihl, protocol, len);
    }

    private static long l4(int family, int flags, int vlans, int l3, int l4, int protocol, int len) {
        int kind = protocol == 6 ? L4_TCP : protocol == 17 ? L4_UDP : L4_NONE;
        if (kind == L4_NONE) {
            return of(family, L4_NONE, flags, R_OTHER_L4, vlans, l3, 0, protocol);
        }
        if (l4 + (kind == L4_TCP ? TCP_HEADER : UDP_HEADER) > len) {
            return of(family, L4_NONE, flags, R_SHORT_L4, vlans, l3, 0, protocol);
        }
        return of(family, kind, flags, 0, vlans, l3, l4, protocol);
    }

    /**
     * Walks the IPv6 header chain. With {@code want} WANT_LAYOUT it returns the layout; otherwise the
     * frame-relative offset of the Home Address or routing type 2 address, or -1: one walk, so the
     * _EX addresses are found by exactly the rules that set the layout's flags.
     */
    private static long ipv6(ByteBuffer b, int off, int len, int l3, int vlans, int want) {
        if (l3 + 40 > len) {
            return want == WANT_LAYOUT ? unclassified(R_SHORT_V6, vlans) : -1;
        }
        if (u8(b, off + l3) >>> 4 != 6) {
            return want == WANT_LAYOUT ? unclassified(R_BAD_V6, vlans) : -1;
        }
        int next = u8(b, off + l3 + 6);
        int p = l3 + 40;
        int flags = 0;
        for (int count = 0; next == 0 || next == 43 || next == 44 || next == 60; count++) {
            if (count == MAX_EXTENSION_HEADERS) {
                return want == WANT_LAYOUT ? of(IPV6, L4_NONE, flags, R_MANY_EXT, vlans, l3, 0, 0) : -1;
            }
            flags |= EXT;
            if (p + 8 > len) { // every extension header is at least 8 bytes
                return want == WANT_LAYOUT ? unclassified(R_BAD_EXT, vlans) : -1;
            }
            int header = next;
            next = u8(b, off + p);
            if (header == 44) { // a fragment: addresses only, and nothing after the header is read
                flags |= FRAG | ((u16(b, off + p + 2) & 0xfff8) != 0 ? LATER : 0);
                return want == WANT_LAYOUT ? of(IPV6, L4_NONE, flags, R_FRAGMENT, vlans, l3, 0, next) : -1;
            }
            int size = (u8(b, off + p + 1) + 1) * 8;
            if (p + size > len) {
                return want == WANT_LAYOUT ? unclassified(R_BAD_EXT, vlans) : -1;
            }
            if (header == 43 && (flags & RT2) == 0 && u8(b, off + p + 2) == 2 && size >= 24) {
                flags |= RT2;
                if (want == WANT_RT2) {
                    return p + 8;
                }
            } else if (header == 60 && (flags & HOME) == 0) {
                int home = homeAddressOption(b, off, p + 2, p + size);
                if (home >= 0) {
                    flags |= HOME;
                    if (want == WANT_HOME) {
                        return home;
                    }
                }
            }
            p += size;
        }
        return want == WANT_LAYOUT ? l4(IPV6, flags, vlans, l3, p, next, len) : -1;
    }

    /** @return offset of the Home Address option's address within [from, end), or -1 */
    private static int homeAddressOption(ByteBuffer b, int off, int from, int end) {
        int q = from;
        while (q < end) { // each step advances at least one byte; end - from is at most 2046
            int type = u8(b, off + q);
            if (type == 0) { // Pad1
                q++;
                continue;
            }
            if (q + 2 > end) {
                return -1;
            }
            int length = u8(b, off + q + 1);
            if (type == 0xc9 && length == 16 && q + 18 <= end) {
                return q + 2;
            }
            q += 2 + length;
        }
        return -1;
    }

    /**
     * @return frame-relative offset of the Home Address option's address of an IPv6 frame whose
     *         layout has {@link FrameLayout#homeAddress}, else -1
     */
    public static int homeAddressOffset(ByteBuffer b, int off, int len, long layout) {
        return !homeAddress(layout) ? -1 : (int) ipv6(b, off, len, l3Offset(layout), vlanTags(layout), WANT_HOME);
    }

    /**
     * @return frame-relative offset of the routing header type 2 address of an IPv6 frame whose
     *         layout has {@link FrameLayout#routingType2}, else -1
     */
    public static int routingType2Offset(ByteBuffer b, int off, int len, long layout) {
        return !routingType2(layout) ? -1 : (int) ipv6(b, off, len, l3Offset(layout), vlanTags(layout), WANT_RT2);
    }

    /**
     * Parses into a reusable flow key (no allocation).
     *
     * @return {@code key}, filled; {@link FlowKey#classified()} is false for unclassified frames
     */
    public static FlowKey parse(ByteBuffer b, int off, int len, FlowKey key) {
        long layout = layout(b, off, len);
        key.clear().reason(reason(layout));
        int family = family(layout);
        if (family == UNCLASSIFIED) {
            return key;
        }
        int l3 = off + l3Offset(layout);
        int l4 = FrameLayout.l4(layout);
        int types;
        if (family == IPV4) {
            key.ipv4(u32(b, l3 + 12), u32(b, l3 + 16));
            types = HashType.IPv4.bit() | (l4 == L4_TCP ? HashType.TCPv4.bit() : l4 == L4_UDP ? HashType.UDPv4.bit() : 0);
        } else {
            key.ipv6(u64(b, l3 + 8), u64(b, l3 + 16), u64(b, l3 + 24), u64(b, l3 + 32));
            types = HashType.IPv6.bit() | (l4 == L4_TCP ? HashType.TCPv6.bit() : l4 == L4_UDP ? HashType.UDPv6.bit() : 0);
            if (extensionHeaders(layout)) {
                types |= HashType.IP_EX.bit()
                        | (l4 == L4_TCP ? HashType.TCP_EX.bit() : l4 == L4_UDP ? HashType.UDP_EX.bit() : 0);
            }
            int home = homeAddressOffset(b, off, len, layout);
            if (home >= 0) {
                key.homeAddress(u64(b, off + home), u64(b, off + home + 8));
            }
            int rt2 = routingType2Offset(b, off, len, layout);
            if (rt2 >= 0) {
                key.routingType2(u64(b, off + rt2), u64(b, off + rt2 + 8));
            }
        }
        key.protocol(reasonCode(layout) == R_MANY_EXT ? -1 : protocol(layout));
        if (l4 != L4_NONE) {
            int p = off + l4Offset(layout);
            key.ports(u16(b, p), u16(b, p + 2));
        }
        return key.shape(vlanTags(layout), extensionHeaders(layout), fragment(layout), laterFragment(layout))
                .eligibleTypes(types);
    }

    /** Parses a frame into a reusable flow key (no allocation). */
    public static FlowKey parse(Frame frame, FlowKey key) {
        return parse(frame.buffer(), frame.offset(), frame.length(), key);
    }
}
