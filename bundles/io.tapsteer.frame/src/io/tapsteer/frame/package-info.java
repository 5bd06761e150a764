/**
 * The frame parser every steering and counting path shares: Ethernet, VLAN tags, IPv4 and IPv6
 * with extension headers, TCP and UDP ports, packed into one {@code long} layout
 * ({@link io.tapsteer.frame.FrameLayout}) or filled into a flow key. Stateless and allocation-free.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.frame;
