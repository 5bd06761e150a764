package io.tapsteer.ebpf.internal;

import io.tapsteer.frame.FrameParser;

/**
 * The parse bounds of the kernel RSS program, in one place. Within them the program chooses the
 * same queue as the user-space RSS for every frame; beyond them it says so ({@link KernelParity}).
 */
public final class RssRules {
    private RssRules() {
    }

    /**
     * VLAN tags (0x8100, 0x88a8 or 0x9100, in any order) looked through; a third is unclassified.
     * The user-space parser's bound, so the two cannot drift apart.
     */
    public static final int MAX_TAGS = FrameParser.MAX_VLAN_TAGS;
    /**
     * IPv6 extension headers (hop-by-hop 0, routing 43, fragment 44, destination options 60) walked;
     * more: no ports. The user-space parser's bound.
     */
    public static final int MAX_EXTENSIONS = FrameParser.MAX_EXTENSION_HEADERS;
    /**
     * Options of one destination-options header examined for the Home Address option (type 0xc9,
     * length 16). The user-space parser scans every option; a Home Address option behind more
     * options than this is not seen by the kernel program: the one case where parity is given up.
     */
    public static final int HOME_OPTION_STEPS = 4;
}
