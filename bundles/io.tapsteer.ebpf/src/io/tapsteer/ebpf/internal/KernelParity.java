package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.Explanation;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;

/**
 * Where the kernel RSS program and the user-space {@link RssEngine} can disagree, and the kernel
 * path's {@code explain}. The program follows the user-space parse rules exactly except for one
 * bound ({@link RssRules#HOME_OPTION_STEPS}): a Home Address option behind more options than that
 * in a destination-options header is not seen, so for the _EX hash types the kernel hashes such a
 * frame as if the option were absent. {@link #asKernelSees} gives that frame, so the kernel's choice
 * is still predicted exactly: {@code engine.queueOf(asKernelSees(frame))}.
 */
public final class KernelParity {
    private KernelParity() {
    }

    /** The option type of the Home Address option. */
    private static final int HOME_ADDRESS = 0xc9;
    /** An unassigned option type (skip, don't change en route) that stands in for a hidden Home Address option. */
    private static final int HIDDEN = 0x1e;

    /**
     * @return a copy of the frame in which every Home Address option the kernel program does not
     *         reach is re-typed, or null when the program sees the frame exactly as the user-space RSS
     */
    public static byte[] asKernelSees(ByteBuffer b, int off, int len) {
        byte[] f = new byte[len];
        for (int i = 0; i < len; i++) {
            f[i] = b.get(off + i);
        }
        return hideUnreached(f) ? f : null;
    }

    /** @return the kernel program's decision for a frame, path "kernel", with a note where it departs from user space */
    public static Explanation explain(RssEngine engine, ByteBuffer b, int off, int len) {
        byte[] seen = asKernelSees(b, off, len);
        Explanation e = seen == null ? engine.explain(b, off, len) : engine.explain(ByteBuffer.wrap(seen), 0, len);
        String note = seen == null ? e.note()
                : "a Home Address option behind more than " + RssRules.HOME_OPTION_STEPS + " options of a destination-options "
                + "header is not seen by the kernel program: it hashes as if the option were absent, where user-space RSS "
                + "uses it (documented parity limit)" + (e.note().isEmpty() ? "" : "; " + e.note());
        return new Explanation(e.strategy(), "kernel", e.fields(), e.hash(), e.hashType(), e.slot(), e.queue(), note);
    }

    /** @return the queue the kernel program returns for the frame (before the kernel's modulo) */
    public static int queueOf(RssEngine engine, ByteBuffer b, int off, int len) {
        byte[] seen = asKernelSees(b, off, len);
        return seen == null ? engine.queueOf(b, off, len) : engine.queueOf(ByteBuffer.wrap(seen), 0, len);
    }

    /** Walks as the program does; re-types unreached Home Address options; @return whether any was. */
    private static boolean hideUnreached(byte[] f) {
        int len = f.length;
        if (len < 14) {
            return false;
        }
        int p = 12;
        int type = u16(f, p);
        for (int t = 0; t < RssRules.MAX_TAGS && (type == 0x8100 || type == 0x88a8 || type == 0x9100) && p + 6 <= len; t++) {
            p += 4;
            type = u16(f, p);
        }
        int l3 = p + 2;
        if (type != 0x86dd || l3 + 40 > len) {
            return false;
        }
        int next = f[l3 + 6] & 0xff;
        int q = l3 + 40;
        boolean homeSeen = false;
        boolean hidden = false;
        for (int e = 0; e < RssRules.MAX_EXTENSIONS && (next == 0 || next == 43 || next == 44 || next == 60); e++) {
            if (q + 8 > len) {
                return hidden;
            }
            int header = next;
            next = f[q] & 0xff;
            if (header == 44) { // a fragment header ends the walk for both
                return hidden;
            }
            int size = ((f[q + 1] & 0xff) + 1) * 8;
            if (q + size > len) {
                return hidden;
            }
            if (header == 60 && !homeSeen) {
                int steps = 0;
                int o = q + 2;
                int end = q + size;
                while (o < end && o + 2 <= end) {
                    int opt = f[o] & 0xff;
                    if (opt == 0) {
                        o++;
                        steps++;
                        continue;
                    }
                    int length = f[o + 1] & 0xff;
                    if (opt == HOME_ADDRESS && length == 16 && o + 18 <= end) {
                        if (steps < RssRules.HOME_OPTION_STEPS) {
                            homeSeen = true;
                            break;
                        }
                        f[o] = (byte) HIDDEN;
                        hidden = true;
                    }
                    o += 2 + length;
                    steps++;
                }
            }
            q += size;
        }
        return hidden;
    }

    private static int u16(byte[] f, int at) {
        return (f[at] & 0xff) << 8 | (f[at + 1] & 0xff);
    }
}
