package io.tapsteer.queue.internal.strategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.frame.FrameLayout;
import io.tapsteer.frame.FrameParser;
import java.nio.ByteBuffer;

/**
 * A flow hash over a frame's L3 addresses and L4 ports, located by the rss bundle's parser
 * ({@link FrameParser#layout}: VLAN tags, IPv4 options and fragments, IPv6 extension headers), so
 * there is one definition of "the flow" in tapsteer. Absolute reads on the frame's memory: no copy,
 * no allocation. Frames of one flow always get the same hash; unclassified frames hash to 0.
 */
public final class FlowHash {
    private FlowHash() {
    }

    /** @return the flow hash of the frame, 0 for an unclassified frame */
    public static int of(Frame frame) {
        ByteBuffer b = frame.buffer();
        int off = frame.offset();
        long layout = FrameParser.layout(b, off, frame.length());
        int family = FrameLayout.family(layout);
        if (family == FrameLayout.UNCLASSIFIED) {
            return 0;
        }
        int l3 = off + FrameLayout.l3Offset(layout);
        int h = 0x9747b28c;
        if (family == FrameLayout.IPV4) {
            h = mix(h, b.getInt(l3 + 12));
            h = mix(h, b.getInt(l3 + 16));
        } else {
            for (int i = 8; i < 40; i += 4) {
                h = mix(h, b.getInt(l3 + i));
            }
        }
        if (FrameLayout.l4(layout) != FrameLayout.L4_NONE) {
            h = mix(h, b.getInt(off + FrameLayout.l4Offset(layout)));
        }
        h = mix(h, FrameLayout.protocol(layout));
        return finish(h);
    }

    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** @return a lane in [0, lanes) for the hash */
    public static int lane(int hash, int lanes) {
        return (int) ((hash & 0xffffffffL) % lanes);
    }
}
