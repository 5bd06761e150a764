package io.tapsteer.api.frame;

/**
 * The nine virtio-net RSS hash types (VIRTIO_NET_RSS_HASH_TYPE_*), with their bit in the
 * {@code hash_types} mask.
 */
public enum HashType {
    /** IPv4 source and destination addresses. */
    IPv4(1 << 0, "ipv4"),
    /** IPv4 addresses and TCP ports. */
    TCPv4(1 << 1, "tcp4"),
    /** IPv4 addresses and UDP ports. */
    UDPv4(1 << 2, "udp4"),
    /** IPv6 addresses. */
    IPv6(1 << 3, "ipv6"),
    /** IPv6 addresses and TCP ports. */
    TCPv6(1 << 4, "tcp6"),
    /** IPv6 addresses and UDP ports. */
    UDPv6(1 << 5, "udp6"),
    /** IPv6 addresses, Home Address option and routing type 2 honoured. */
    IP_EX(1 << 6, "ipv6ex"),
    /** As IP_EX, with TCP ports. */
    TCP_EX(1 << 7, "tcp6ex"),
    /** As IP_EX, with UDP ports. */
    UDP_EX(1 << 8, "udp6ex");

    /** Every type's bit. */
    public static final int ALL = 0x1ff;

    private final int bit;
    private final String label;

    HashType(int bit, String label) {
        this.bit = bit;
        this.label = label;
    }

    /** @return the type's bit in a hash-types mask */
    public int bit() {
        return bit;
    }

    /** @return the short lower-case label used in text configuration ("tcp4") */
    public String label() {
        return label;
    }

    /**
     * @param text a label ("tcp4") or constant name ("TCPv4"), case-insensitive
     * @return the type
     * @throws IllegalArgumentException naming the allowed values
     */
    public static HashType parse(String text) {
        for (HashType t : values()) {
            if (t.label.equalsIgnoreCase(text) || t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (HashType t : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(t.label);
        }
        throw new IllegalArgumentException("unknown hash type '" + text + "': allowed are " + allowed);
    }
}
