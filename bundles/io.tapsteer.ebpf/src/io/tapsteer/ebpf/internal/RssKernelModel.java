package io.tapsteer.ebpf.internal;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the kernel RSS program does with a frame, step for step in Java (same {@link RssRules}, same
 * per-byte tables): the kernel path's {@code explain}. Where the program's bounds make it differ from
 * the user-space RSS, the explanation's note says so.
 */
public final class RssKernelModel {
    private final RssConfig config;
    private final int[] toeplitz;

    /** @param config the configuration the program's maps hold */
    public RssKernelModel(RssConfig config) {
        this.config = config;
        this.toeplitz = RssTables.of(config);
    }

    /** @return the queue the program returns (before the kernel's modulo by the queue count) */
    public int queueOf(ByteBuffer f, int off, int len) {
        return explain(f, off, len).queue();
    }

    /** @return the program's decision for the frame, path "kernel" */
    public Explanation explain(ByteBuffer f, int off, int len) {
        if (len < 14) {
            return unclassified("frame shorter than an Ethernet header");
        }
        int p = 12;
        int type = u16(f, off + p);
        for (int t = 0; t < RssRules.MAX_TAGS && (type == 0x8100 || type == 0x88a8); t++) {
            p += 4;
            if (p + 2 > len) {
                return unclassified("truncated VLAN tag");
            }
            type = u16(f, off + p);
        }
        p += 2;
        if (type == 0x0800) {
            return ipv4(f, off, len, p);
        }
        if (type == 0x86dd) {
            return ipv6(f, off, len, p);
        }
        return unclassified(String.format("EtherType 0x%04x is neither IPv4 nor IPv6%s", type,
                type == 0x8100 || type == 0x88a8 ? " (more than " + RssRules.MAX_TAGS + " VLAN tags)" : ""));
    }

    private Explanation ipv4(ByteBuffer f, int off, int len, int p) {
        if (p + 20 > len || (f.get(off + p) & 0xf0) != 0x40 || (f.get(off + p) & 0x0f) < 5) {
            return unclassified("not a valid IPv4 header");
        }
        int ihl = (f.get(off + p) & 0x0f) * 4;
        if (p + ihl > len) {
            return unclassified("IPv4 header longer than the frame");
        }
        byte[] addrs = bytes(f, off + p + 12, 8);
        int proto = f.get(off + p + 9) & 0xff;
        boolean fragment = (u16(f, off + p + 6) & (RssRules.FIRST_FRAGMENT_PORTS ? 0x1fff : 0x3fff)) != 0;
        int l4 = p + ihl;
        if (!fragment && l4 + 4 <= len) {
            if (proto == 6 && config.enabled(HashType.TCPv4)) {
                return hashed(HashType.TCPv4, addrs, bytes(f, off + l4, 4), 4, "");
            }
            if (proto == 17 && config.enabled(HashType.UDPv4)) {
                return hashed(HashType.UDPv4, addrs, bytes(f, off + l4, 4), 4, "");
            }
        }
        if (config.enabled(HashType.IPv4)) {
            return hashed(HashType.IPv4, addrs, null, 4, fragment ? "IPv4 fragment: addresses only" : "");
        }
        return unclassified("no enabled hash type covers this IPv4 frame");
    }

    private Explanation ipv6(ByteBuffer f, int off, int len, int p) {
        if (p + 40 > len || (f.get(off + p) & 0xf0) != 0x60) {
            return unclassified("not a valid IPv6 header");
        }
        byte[] addrs = bytes(f, off + p + 8, 32);
        int next = f.get(off + p + 6) & 0xff;
        int q = p + 40;
        boolean portsKnown = true;
        String note = "";
        for (int e = 0; e < RssRules.MAX_EXTENSIONS && isExtension(next) && portsKnown; e++) {
            if (q + 8 > len) {
                portsKnown = false;
                note = "truncated IPv6 extension header: addresses only";
            } else if (next == 44) {
                if ((u16(f, off + q + 2) & (RssRules.FIRST_FRAGMENT_PORTS ? 0xfff8 : 0xfff9)) != 0) {
                    portsKnown = false;
                    note = "IPv6 fragment: addresses only";
                }
                next = f.get(off + q) & 0xff;
                q += 8;
            } else {
                int size = ((f.get(off + q + 1) & 0xff) + 1) * 8;
                next = f.get(off + q) & 0xff;
                q += size;
            }
        }
        if (portsKnown && isExtension(next)) {
            portsKnown = false;
            note = "more than " + RssRules.MAX_EXTENSIONS + " IPv6 extension headers: the kernel program stops walking "
                    + "and hashes addresses only, where the user-space RSS may reach the ports (documented parity limit)";
        }
        if (portsKnown && q + 4 <= len) {
            if (next == 6 && (config.enabled(HashType.TCPv6) || config.enabled(HashType.TCP_EX))) {
                return hashed(config.enabled(HashType.TCP_EX) ? HashType.TCP_EX : HashType.TCPv6, addrs, bytes(f, off + q, 4), 16, note);
            }
            if (next == 17 && (config.enabled(HashType.UDPv6) || config.enabled(HashType.UDP_EX))) {
                return hashed(config.enabled(HashType.UDP_EX) ? HashType.UDP_EX : HashType.UDPv6, addrs, bytes(f, off + q, 4), 16, note);
            }
        }
        if (config.enabled(HashType.IPv6) || config.enabled(HashType.IP_EX)) {
            return hashed(config.enabled(HashType.IP_EX) ? HashType.IP_EX : HashType.IPv6, addrs, null, 16, note);
        }
        return unclassified(note.isEmpty() ? "no enabled hash type covers this IPv6 frame" : note);
    }

    private static boolean isExtension(int next) {
        return next == 0 || next == 43 || next == 60 || next == 44;
    }

    private Explanation hashed(HashType type, byte[] addrs, byte[] ports, int addrLen, String note) {
        byte[] tuple = ports == null ? addrs : concat(addrs, ports);
        int h = 0;
        for (int i = 0; i < tuple.length; i++) {
            h ^= toeplitz[i * 256 + (tuple[i] & 0xff)];
        }
        int slot = h & (config.tableSize() - 1);
        String v = addrLen == 4 ? "ipv4" : "ipv6";
        List<Explanation.Field> fields = new ArrayList<>();
        fields.add(new Explanation.Field("src-" + v, Arrays.copyOfRange(addrs, 0, addrLen)));
        fields.add(new Explanation.Field("dst-" + v, Arrays.copyOfRange(addrs, addrLen, 2 * addrLen)));
        if (ports != null) {
            fields.add(new Explanation.Field("src-port", Arrays.copyOfRange(ports, 0, 2)));
            fields.add(new Explanation.Field("dst-port", Arrays.copyOfRange(ports, 2, 4)));
        }
        return new Explanation("rss", "kernel", fields, h & 0xffffffffL, type.label(), slot, config.slot(slot), note);
    }

    private Explanation unclassified(String why) {
        return new Explanation("rss", "kernel", List.of(), -1, "none", -1, config.unclassifiedQueue(), "unclassified: " + why);
    }

    private static int u16(ByteBuffer f, int at) {
        return f.getShort(at) & 0xffff;
    }

    private static byte[] bytes(ByteBuffer f, int at, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = f.get(at + i);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
