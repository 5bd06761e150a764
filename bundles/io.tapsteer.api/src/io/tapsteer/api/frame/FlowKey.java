package io.tapsteer.api.frame;

/**
 * What a frame parser extracted from one frame: IP family, addresses, L4 protocol and ports, and
 * which virtio hash types the frame is eligible for. A mutable holder meant to be reused (one per
 * thread), so parsing allocates nothing; a parser fills it with the setters.
 *
 * <p>Addresses are kept as two 64-bit words, big endian (the first address byte is the top byte of
 * {@code high}); an IPv4 address sits in the low 32 bits of {@code low} with {@code high} 0. For
 * IPv6 the "_EX" addresses are kept too: the Home Address option (source) and the routing header
 * type 2 address (destination), when the frame has them.
 */
public final class FlowKey {
    /** Family of a frame that is not IPv4 or IPv6, or could not be parsed. */
    public static final int FAMILY_NONE = 0;
    /** IPv4. */
    public static final int FAMILY_IPV4 = 4;
    /** IPv6. */
    public static final int FAMILY_IPV6 = 6;

    private int family;
    private int protocol = -1;
    private boolean ports;
    private int sourcePort;
    private int destinationPort;
    private long srcHigh, srcLow, dstHigh, dstLow;
    private long homeHigh, homeLow, rt2High, rt2Low;
    private boolean homeAddress;
    private boolean routingType2;
    private boolean extensionHeaders;
    private boolean fragment;
    private boolean laterFragment;
    private int vlanTags;
    private int eligibleTypes;
    private String reason = "";

    /** Forgets everything: an unclassified key. */
    public FlowKey clear() {
        family = FAMILY_NONE;
        protocol = -1;
        ports = false;
        sourcePort = destinationPort = 0;
        srcHigh = srcLow = dstHigh = dstLow = 0;
        homeHigh = homeLow = rt2High = rt2Low = 0;
        homeAddress = routingType2 = extensionHeaders = fragment = laterFragment = false;
        vlanTags = 0;
        eligibleTypes = 0;
        reason = "";
        return this;
    }

    /** Sets an IPv4 flow's addresses (big endian ints). */
    public FlowKey ipv4(int source, int destination) {
        family = FAMILY_IPV4;
        srcHigh = dstHigh = 0;
        srcLow = source & 0xffffffffL;
        dstLow = destination & 0xffffffffL;
        return this;
    }

    /** Sets an IPv6 flow's addresses (each as high and low 64-bit words). */
    public FlowKey ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        family = FAMILY_IPV6;
        srcHigh = sourceHigh;
        srcLow = sourceLow;
        dstHigh = destinationHigh;
        dstLow = destinationLow;
        return this;
    }

    /** Records the Home Address option's address (the _EX source). */
    public FlowKey homeAddress(long high, long low) {
        homeAddress = true;
        homeHigh = high;
        homeLow = low;
        return this;
    }

    /** Records the routing header type 2 address (the _EX destination). */
    public FlowKey routingType2(long high, long low) {
        routingType2 = true;
        rt2High = high;
        rt2Low = low;
        return this;
    }

    /** Sets the L4 protocol number, -1 when the parser did not reach the L4 header. */
    public FlowKey protocol(int ipProtocol) {
        protocol = ipProtocol;
        return this;
    }

    /** Sets TCP or UDP ports (the protocol is set separately). */
    public FlowKey ports(int source, int destination) {
        ports = true;
        sourcePort = source;
        destinationPort = destination;
        return this;
    }

    /** Sets the frame's shape: VLAN tags, IPv6 extension headers, fragment and later fragment. */
    public FlowKey shape(int tags, boolean extension, boolean isFragment, boolean isLaterFragment) {
        vlanTags = tags;
        extensionHeaders = extension;
        fragment = isFragment;
        laterFragment = isLaterFragment;
        return this;
    }

    /** Sets the mask of {@link HashType#bit()}s the frame is eligible for. */
    public FlowKey eligibleTypes(int mask) {
        eligibleTypes = mask;
        return this;
    }

    /** Sets why the frame is unclassified or has no ports ("" when nothing to say); a constant, not built per frame. */
    public FlowKey reason(String why) {
        reason = why;
        return this;
    }

    /** @return {@link #FAMILY_IPV4}, {@link #FAMILY_IPV6} or {@link #FAMILY_NONE} (unclassified) */
    public int family() { return family; }
    /** @return whether the frame is IPv4 or IPv6 and could be parsed */
    public boolean classified() { return family != FAMILY_NONE; }
    /** @return the L4 protocol number (6 TCP, 17 UDP, ...), -1 when not reached */
    public int protocol() { return protocol; }
    /** @return whether TCP or UDP ports were read */
    public boolean hasPorts() { return ports; }
    /** @return the source port, 0 without ports */
    public int sourcePort() { return sourcePort; }
    /** @return the destination port, 0 without ports */
    public int destinationPort() { return destinationPort; }
    /** @return high word of the source address (0 for IPv4) */
    public long sourceHigh() { return srcHigh; }
    /** @return low word of the source address (the IPv4 address for IPv4) */
    public long sourceLow() { return srcLow; }
    /** @return high word of the destination address (0 for IPv4) */
    public long destinationHigh() { return dstHigh; }
    /** @return low word of the destination address (the IPv4 address for IPv4) */
    public long destinationLow() { return dstLow; }
    /** @return whether an IPv6 Home Address option was found */
    public boolean hasHomeAddress() { return homeAddress; }
    /** @return high word of the Home Address option's address */
    public long homeAddressHigh() { return homeHigh; }
    /** @return low word of the Home Address option's address */
    public long homeAddressLow() { return homeLow; }
    /** @return whether an IPv6 routing header type 2 was found */
    public boolean hasRoutingType2() { return routingType2; }
    /** @return high word of the routing header type 2 address */
    public long routingType2High() { return rt2High; }
    /** @return low word of the routing header type 2 address */
    public long routingType2Low() { return rt2Low; }
    /** @return whether the IPv6 frame has extension headers */
    public boolean hasExtensionHeaders() { return extensionHeaders; }
    /** @return whether the frame is a fragment (first or later) */
    public boolean isFragment() { return fragment; }
    /** @return whether it is a non-first fragment (no L4 header, so no ports) */
    public boolean isLaterFragment() { return laterFragment; }
    /** @return how many VLAN tags preceded the IP header */
    public int vlanTags() { return vlanTags; }
    /** @return mask of the {@link HashType}s the frame is eligible for */
    public int eligibleTypes() { return eligibleTypes; }
    /** @return whether the frame is eligible for {@code type} */
    public boolean eligible(HashType type) { return (eligibleTypes & type.bit()) != 0; }
    /** @return why the frame is unclassified or has no ports, "" when nothing to say */
    public String reason() { return reason; }

    @Override
    public String toString() {
        if (family == FAMILY_NONE) {
            return "unclassified" + (reason.isEmpty() ? "" : ": " + reason);
        }
        StringBuilder b = new StringBuilder(family == FAMILY_IPV4 ? "ipv4 " : "ipv6 ");
        b.append(String.format(family == FAMILY_IPV4 ? "%08x > %08x" : "%016x%016x > %016x%016x",
                family == FAMILY_IPV4 ? new Object[] {srcLow, dstLow} : new Object[] {srcHigh, srcLow, dstHigh, dstLow}));
        b.append(" proto ").append(protocol);
        if (ports) {
            b.append(' ').append(sourcePort).append(" > ").append(destinationPort);
        }
        return b.toString();
    }
}
