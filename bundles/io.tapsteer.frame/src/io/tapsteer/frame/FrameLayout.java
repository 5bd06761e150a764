package io.tapsteer.frame;

/**
 * Decoding of the {@code long} that {@link FrameParser#layout} returns: where the IP and L4 headers
 * of a frame are and what the frame is, packed into one primitive so that parsing allocates nothing
 * and needs no per-thread state.
 *
 * <pre>
 * bits  0- 1 family      0 unclassified, 1 IPv4, 2 IPv6
 * bits  2- 3 l4          0 no ports, 1 TCP, 2 UDP
 * bit   4    IPv6 extension headers present
 * bit   5    Home Address option present (IPv6 destination options)
 * bit   6    routing header type 2 present
 * bit   7    fragment (first or later: no ports either way)
 * bit   8    later fragment (offset != 0: no L4 header)
 * bits  9-13 reason code (see {@link #reason(long)})
 * bits 14-16 VLAN tags
 * bits 17-32 IP header offset from the frame start
 * bits 33-48 L4 header offset from the frame start
 * bits 49-56 L4 protocol number (IPv4 protocol, or IPv6 next header after the extension headers),
 *            0 when not reached
 * </pre>
 * 16 bits suffice for the offsets: at most 2 VLAN tags, a 60-byte IPv4 header, or 40 bytes of IPv6
 * header and at most {@link FrameParser#MAX_EXTENSION_HEADERS} extension headers of 2048 bytes each.
 */
public final class FrameLayout {
    /** Family: not IPv4/IPv6 or malformed. */
    public static final int UNCLASSIFIED = 0;
    /** Family IPv4. */
    public static final int IPV4 = 1;
    /** Family IPv6. */
    public static final int IPV6 = 2;
    /** L4 with ports: none. */
    public static final int L4_NONE = 0;
    /** L4 with ports: TCP. */
    public static final int L4_TCP = 1;
    /** L4 with ports: UDP. */
    public static final int L4_UDP = 2;

    static final int EXT = 1 << 4;
    static final int HOME = 1 << 5;
    static final int RT2 = 1 << 6;
    static final int FRAG = 1 << 7;
    static final int LATER = 1 << 8;

    /** Reason codes, index = code. Constants so that reporting one allocates nothing. */
    static final String[] REASONS = {
        "",
        "frame shorter than an Ethernet header",
        "not IPv4 or IPv6 (EtherType)",
        "more than 2 VLAN tags",
        "truncated IPv4 header",
        "malformed IPv4 header (version or header length)",
        "truncated IPv6 header",
        "malformed IPv6 header (version)",
        "truncated or malformed IPv6 extension header",
        "more than " + FrameParser.MAX_EXTENSION_HEADERS + " IPv6 extension headers: ports not read",
        "TCP or UDP header not complete in the frame: no ports",
        "fragment: no ports (every fragment of a datagram is hashed by its addresses)",
        "L4 protocol is not TCP or UDP: no ports",
        "truncated VLAN tag",
        "frame lies outside its buffer",
    };
    static final int R_SHORT_L2 = 1, R_NOT_IP = 2, R_VLANS = 3, R_SHORT_V4 = 4, R_BAD_V4 = 5, R_SHORT_V6 = 6,
            R_BAD_V6 = 7, R_BAD_EXT = 8, R_MANY_EXT = 9, R_SHORT_L4 = 10, R_FRAGMENT = 11, R_OTHER_L4 = 12,
            R_SHORT_VLAN = 13, R_OUTSIDE = 14;

    private FrameLayout() {
    }

    static long unclassified(int reason, int vlans) {
        return (long) reason << 9 | (long) vlans << 14;
    }

    static long of(int family, int l4, int flags, int reason, int vlans, int l3, int l4Offset, int protocol) {
        return family | l4 << 2 | flags | (long) reason << 9 | (long) vlans << 14 | (long) l3 << 17
                | (long) l4Offset << 33 | (long) protocol << 49;
    }

    /** @return {@link #UNCLASSIFIED}, {@link #IPV4} or {@link #IPV6} */
    public static int family(long layout) { return (int) layout & 3; }
    /** @return {@link #L4_NONE}, {@link #L4_TCP} or {@link #L4_UDP} */
    public static int l4(long layout) { return (int) (layout >>> 2) & 3; }
    /** @return whether the IPv6 frame has extension headers */
    public static boolean extensionHeaders(long layout) { return (layout & EXT) != 0; }
    /** @return whether a Home Address option was seen */
    public static boolean homeAddress(long layout) { return (layout & HOME) != 0; }
    /** @return whether a routing header type 2 was seen */
    public static boolean routingType2(long layout) { return (layout & RT2) != 0; }
    /** @return whether the frame is a fragment */
    public static boolean fragment(long layout) { return (layout & FRAG) != 0; }
    /** @return whether the frame is a non-first fragment */
    public static boolean laterFragment(long layout) { return (layout & LATER) != 0; }
    /** @return VLAN tags before the IP header */
    public static int vlanTags(long layout) { return (int) (layout >>> 14) & 7; }
    /** @return IP header offset from the frame start */
    public static int l3Offset(long layout) { return (int) (layout >>> 17) & 0xffff; }
    /** @return L4 header offset from the frame start (meaningful when {@link #l4} is not NONE) */
    public static int l4Offset(long layout) { return (int) (layout >>> 33) & 0xffff; }
    /** @return the L4 protocol number, 0 when not reached */
    public static int protocol(long layout) { return (int) (layout >>> 49) & 0xff; }
    static int reasonCode(long layout) {
        return (int) (layout >>> 9) & 0x1f;
    }

    /** @return why the frame is unclassified or has no ports, "" when nothing to say */
    public static String reason(long layout) {
        int code = (int) (layout >>> 9) & 0x1f;
        return code < REASONS.length ? REASONS[code] : "";
    }
}
