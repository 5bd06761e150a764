package io.tapsteer.ebpf.internal;

/**
 * The parse bounds of the kernel RSS program, in one place. Within them the program chooses the
 * same queue as the user-space RSS for every frame; beyond them it says so (see {@link RssKernelModel}).
 */
public final class RssRules {
    private RssRules() {
    }

    /** VLAN tags (802.1Q 0x8100 or 802.1ad 0x88a8, in any order) looked through. */
    public static final int MAX_TAGS = 2;
    /** IPv6 extension headers (hop-by-hop 0, routing 43, destination options 60, fragment 44) walked. */
    public static final int MAX_EXTENSIONS = 4;
    /** Whether the first fragment (offset 0, MF set) is hashed with its ports. */
    public static final boolean FIRST_FRAGMENT_PORTS = false;
}
