package io.tapsteer.queue.internal.strategy;

import io.tapsteer.api.frame.Frame;
import java.nio.ByteBuffer;

/**
 * A flow hash over a frame's L3 addresses and L4 ports (VLAN tags skipped; ports only for TCP and
 * UDP in unfragmented IPv4 or IPv6 without extension headers), with absolute reads on the frame's
 * memory: no copy, no allocation. Frames of one flow always get the same hash; non-IP frames hash
 * to 0.
 */
public final class FlowHash {
    private FlowHash() {
    }

    /** @return the flow hash of the frame, 0 for a non-IP or truncated frame */
    public static int of(Frame frame) {
        ByteBuffer b = frame.buffer();
        int off = frame.offset();
        int len = frame.length();
        int p = 12;
        if (len < 14) {
            return 0;
        }
        int type = b.getShort(off + p) & 0xffff;
        while ((type == 0x8100 || type == 0x88a8) && p + 6 <= len) {
            p += 4;
            type = b.getShort(off + p) & 0xffff;
        }
        p += 2;
        int h = 0x9747b28c;
        int proto;
        int l4;
        if (type == 0x0800 && p + 20 <= len) {
            int ihl = (b.get(off + p) & 0x0f) * 4;
            proto = b.get(off + p + 9) & 0xff;
            h = mix(h, b.getInt(off + p + 12));
            h = mix(h, b.getInt(off + p + 16));
            boolean fragment = (b.getShort(off + p + 6) & 0x3fff) != 0;
            l4 = fragment ? -1 : p + ihl;
        } else if (type == 0x86dd && p + 40 <= len) {
            proto = b.get(off + p + 6) & 0xff;
            for (int i = 8; i < 40; i += 4) {
                h = mix(h, b.getInt(off + p + i));
            }
            l4 = p + 40;
        } else {
            return 0;
        }
        if ((proto == 6 || proto == 17) && l4 > 0 && l4 + 4 <= len) {
            h = mix(h, b.getInt(off + l4));
        }
        h = mix(h, proto);
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
