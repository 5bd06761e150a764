package io.tapsteer.example.steering;

import io.tapsteer.api.frame.Frame;

/**
 * Reads what the strategy needs straight from the frame bytes, without allocating: Ethernet with
 * up to two VLAN tags, IPv4 or IPv6 (no extension headers), TCP or UDP. Ports count only in a
 * datagram that is not fragmented and whose TCP (20 bytes) or UDP (8 bytes) header is complete in
 * the frame: every fragment, the first one that carries the header included, is hashed by its
 * addresses and protocol alone, so all fragments of a datagram go to one lane. The result is
 * packed in one long: {@code hash:32 | ports:8 | protocol:8 | dport:16}, or {@link #NOT_IP}.
 */
final class FlowFields {
    /** The frame is not IPv4/IPv6 (or too short). */
    static final long NOT_IP = -1L;

    private FlowFields() {
    }

    static long parse(Frame f) {
        int len = f.length();
        int p = 12;
        if (len < 14) {
            return NOT_IP;
        }
        int type = u16(f, p);
        for (int tags = 0; tags < 2 && (type == 0x8100 || type == 0x88a8) && p + 6 <= len; tags++) {
            p += 4;
            type = u16(f, p);
        }
        int l3 = p + 2;
        int proto;
        int l4;
        int h = 0x9747b28c;
        if (type == 0x0800 && l3 + 20 <= len) {
            proto = f.u8(l3 + 9);
            boolean fragment = (u16(f, l3 + 6) & 0x3fff) != 0; // MF or an offset
            l4 = fragment ? -1 : l3 + (f.u8(l3) & 0xf) * 4;
            h = mix(h, l3 + 12, 8, f);
        } else if (type == 0x86dd && l3 + 40 <= len) {
            proto = f.u8(l3 + 6);
            l4 = l3 + 40;
            h = mix(h, l3 + 8, 32, f);
        } else {
            return NOT_IP;
        }
        int dport = 0;
        long ports = 0;
        if ((proto == 6 || proto == 17) && l4 > 0 && l4 + (proto == 6 ? 20 : 8) <= len) {
            h = mix(h, l4, 4, f);
            dport = u16(f, l4 + 2);
            ports = 1L << 24;
        }
        h = mix32(h ^ proto);
        return ((long) h << 32) | ports | ((long) proto << 16) | dport;
    }

    static int hash(long fields) {
        return (int) (fields >>> 32);
    }

    /** @return whether the frame's ports were read (TCP or UDP, not a fragment, the header complete) */
    static boolean hasPorts(long fields) {
        return (fields & 1L << 24) != 0;
    }

    static int protocol(long fields) {
        return (int) (fields >>> 16) & 0xff;
    }

    static int destinationPort(long fields) {
        return (int) fields & 0xffff;
    }

    static int u16(Frame f, int i) {
        return (f.u8(i) << 8) | f.u8(i + 1);
    }

    private static int mix(int h, int from, int n, Frame f) {
        for (int i = 0; i < n; i++) {
            h = (h ^ f.u8(from + i)) * 0x01000193;
        }
        return h;
    }

    private static int mix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
