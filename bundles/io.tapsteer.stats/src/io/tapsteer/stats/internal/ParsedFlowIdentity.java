package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.frame.FrameLayout;
import io.tapsteer.frame.FrameParser;
import java.nio.ByteBuffer;

/**
 * A frame's flow: its RSS hash when a strategy reported one (no parsing needed), else a hash of its
 * addresses, protocol and ports, located by the rss frame parser (allocation-free). Frames the
 * parser leaves unclassified (not IP, malformed) all count as one flow.
 *
 * <p>Tuple layout ({@link #TUPLE_BYTES} bytes): family (4, 6 or 0), protocol, L4 kind
 * ({@link FrameLayout#l4}), flags (1 = fragment), source port (2), destination port (2), source
 * address (16), destination address (16); for an unclassified frame the parser's layout word sits
 * where the source address would be, so the reason can be named later.
 */
final class ParsedFlowIdentity implements FlowIdentity {
    /** The key every unclassified frame shares. */
    static final long UNCLASSIFIED = Long.MIN_VALUE;

    @Override
    public long key(Frame frame) {
        if (frame.hashReport() != HashReport.NONE) {
            return frame.hash() & 0xffffffffL;
        }
        ByteBuffer b = frame.buffer();
        int off = frame.offset();
        long layout = FrameParser.layout(b, off, frame.length());
        int family = FrameLayout.family(layout);
        if (family == FrameLayout.UNCLASSIFIED) {
            return UNCLASSIFIED;
        }
        int l3 = off + FrameLayout.l3Offset(layout);
        long h = 0x9E3779B97F4A7C15L * (family * 256L + FrameLayout.protocol(layout) + 1);
        if (family == FrameLayout.IPV4) {
            h = mix(h, (long) b.getInt(l3 + 12) << 32 | (b.getInt(l3 + 16) & 0xffffffffL));
        } else {
            h = mix(mix(mix(mix(h, b.getLong(l3 + 8)), b.getLong(l3 + 16)), b.getLong(l3 + 24)), b.getLong(l3 + 32));
        }
        if (FrameLayout.l4(layout) != FrameLayout.L4_NONE) {
            h = mix(h, b.getInt(off + FrameLayout.l4Offset(layout)) & 0xffffffffL);
        }
        return h == UNCLASSIFIED ? h + 1 : h;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58476D1CE4E5B9L; // splitmix64 finaliser: every input bit reaches every output bit
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    @Override
    public void capture(Frame frame, byte[] tuple, int o) {
        java.util.Arrays.fill(tuple, o, o + TUPLE_BYTES, (byte) 0);
        ByteBuffer b = frame.buffer();
        int off = frame.offset();
        long layout = FrameParser.layout(b, off, frame.length());
        int family = FrameLayout.family(layout);
        if (family == FrameLayout.UNCLASSIFIED) {
            for (int i = 0; i < 8; i++) {
                tuple[o + 8 + i] = (byte) (layout >>> (56 - 8 * i));
            }
            return;
        }
        int l3 = off + FrameLayout.l3Offset(layout);
        int l4 = FrameLayout.l4(layout);
        tuple[o] = (byte) (family == FrameLayout.IPV4 ? 4 : 6);
        tuple[o + 1] = (byte) FrameLayout.protocol(layout);
        tuple[o + 2] = (byte) l4;
        tuple[o + 3] = (byte) (FrameLayout.fragment(layout) ? 1 : 0);
        if (l4 != FrameLayout.L4_NONE) {
            int p = off + FrameLayout.l4Offset(layout);
            for (int i = 0; i < 4; i++) {
                tuple[o + 4 + i] = b.get(p + i);
            }
        }
        int size = family == FrameLayout.IPV4 ? 4 : 16;
        int src = l3 + (family == FrameLayout.IPV4 ? 12 : 8);
        for (int i = 0; i < size; i++) {
            tuple[o + 8 + i] = b.get(src + i);
            tuple[o + 24 + i] = b.get(src + size + i);
        }
    }

    @Override
    public String describe(byte[] t, int o) {
        int family = t[o];
        if (family == 0) {
            long layout = 0;
            for (int i = 0; i < 8; i++) {
                layout = layout << 8 | (t[o + 8 + i] & 0xff);
            }
            String why = FrameLayout.reason(layout);
            return "unclassified" + (why.isEmpty() ? "" : " (" + why + ")");
        }
        int l4 = t[o + 2];
        int sport = (t[o + 4] & 0xff) << 8 | (t[o + 5] & 0xff);
        int dport = (t[o + 6] & 0xff) << 8 | (t[o + 7] & 0xff);
        String src = Addresses.format(t, o + 8, family == 4 ? 4 : 16);
        String dst = Addresses.format(t, o + 24, family == 4 ? 4 : 16);
        if (l4 == FrameLayout.L4_NONE) {
            return (family == 4 ? "ipv4" : "ipv6") + " proto " + (t[o + 1] & 0xff) + (t[o + 3] != 0 ? " fragment " : " ")
                    + src + " > " + dst;
        }
        String proto = l4 == FrameLayout.L4_TCP ? "tcp" : "udp";
        if (family == 6) {
            return proto + " [" + src + "]:" + sport + " > [" + dst + "]:" + dport;
        }
        return proto + " " + src + ":" + sport + " > " + dst + ":" + dport;
    }
}
