package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.KernelQueueCounters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-queue counters of a multiqueue tap from its {@code mq} root qdisc, read with one rtnetlink
 * RTM_GETQDISC dump in the calling thread's namespace (what {@code tc -s qdisc show dev TAP} prints,
 * without running tc in the right namespace). The mq qdisc has one child per real tx queue, parent
 * {@code <mq major>:<queue + 1>}: its byte and packet counters are the frames the kernel put on that
 * tap queue, its drops those the child qdisc refused. Counters are absolute, from when the child
 * was created (the tap came up, or its queue count grew).
 *
 * <p>struct tcmsg (20 bytes): u8 family, u8, u16, s32 ifindex, u32 handle, u32 parent, u32 info.
 * Statistics in TCA_STATS2: TCA_STATS_BASIC (u64 bytes, u32 packets), TCA_STATS_QUEUE (u32 qlen,
 * backlog, drops, requeues, overlimits), TCA_STATS_PKT64 (u64 packets) where the kernel has it.
 */
public final class TcQdiscs {
    private static final int RTM_NEWQDISC = 36;
    private static final int RTM_GETQDISC = 38;
    private static final int TCA_KIND = 1;
    private static final int TCA_STATS2 = 7;
    private static final int TCA_STATS_BASIC = 1;
    private static final int TCA_STATS_QUEUE = 3;
    private static final int TCA_STATS_PKT64 = 8;
    private static final int TC_H_ROOT = 0xffffffff;
    private static final int NLA_TYPE_MASK = 0x3fff;

    /** One qdisc as the dump reports it. */
    private record Qdisc(int ifindex, int handle, int parent, String kind, long bytes, long packets, long drops) {
    }

    private TcQdiscs() {
    }

    /**
     * @param ifindex the tap's interface index in the calling thread's namespace
     * @return one entry per child of the device's mq root qdisc, by queue; empty when its root
     *         qdisc is not mq (a single-queue tap, or one whose holder replaced it)
     */
    public static List<KernelQueueCounters> mqChildren(int ifindex) {
        List<Qdisc> all = dump();
        Qdisc root = null;
        for (Qdisc q : all) {
            if (q.ifindex == ifindex && q.parent == TC_H_ROOT) {
                root = q;
            }
        }
        List<KernelQueueCounters> out = new ArrayList<>();
        if (root == null || !root.kind.equals("mq")) {
            return out;
        }
        int major = root.handle >>> 16;
        for (Qdisc q : all) {
            int minor = q.parent & 0xffff;
            if (q.ifindex == ifindex && q.parent != TC_H_ROOT && q.parent >>> 16 == major && minor > 0) {
                out.add(new KernelQueueCounters(minor - 1, q.packets, q.bytes, q.drops));
            }
        }
        out.sort(Comparator.comparingInt(KernelQueueCounters::queue));
        return out;
    }

    /**
     * @param device a device name in the calling thread's namespace
     * @return as {@link #mqChildren(int)}, empty when no tun/tap has that name
     */
    public static List<KernelQueueCounters> mqChildren(String device) {
        for (TunLinks.Link l : TunLinks.dump()) {
            if (l.name().equals(device)) {
                return mqChildren(l.ifindex());
            }
        }
        return new ArrayList<>();
    }

    private static List<Qdisc> dump() {
        List<Qdisc> out = new ArrayList<>();
        RtnetlinkDump.run(RTM_GETQDISC, 20, RTM_NEWQDISC, "RTM_GETQDISC", "the qdisc list", (b, start, end) -> {
            if (end - start >= 20) {
                out.add(parse(b, start, end));
            }
        });
        return out;
    }

    private static Qdisc parse(ByteBuffer b, int start, int end) {
        int ifindex = b.getInt(start + 4);
        int handle = b.getInt(start + 8);
        int parent = b.getInt(start + 12);
        String kind = "";
        long[] stats = new long[3]; // bytes, packets, drops
        long packets64 = -1;
        for (int at = start + 20; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & NLA_TYPE_MASK;
            if (len < 4 || at + len > end) {
                break;
            }
            if (type == TCA_KIND) {
                kind = string(b, at + 4, len - 4);
            } else if (type == TCA_STATS2) {
                packets64 = stats2(b, at + 4, at + len, stats);
            }
            at += align(len);
        }
        return new Qdisc(ifindex, handle, parent, kind, stats[0], packets64 >= 0 ? packets64 : stats[1], stats[2]);
    }

    /** Fills bytes, packets (32 bit), drops; @return the 64-bit packet count, -1 when absent. */
    private static long stats2(ByteBuffer b, int start, int end, long[] stats) {
        long packets64 = -1;
        for (int at = start; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & NLA_TYPE_MASK;
            if (len < 4 || at + len > end) {
                break;
            }
            int p = at + 4;
            if (type == TCA_STATS_BASIC && len >= 4 + 12) {
                stats[0] = b.getLong(p);
                stats[1] = b.getInt(p + 8) & 0xffffffffL;
            } else if (type == TCA_STATS_QUEUE && len >= 4 + 20) {
                stats[2] = b.getInt(p + 8) & 0xffffffffL;
            } else if (type == TCA_STATS_PKT64 && len >= 4 + 8) {
                packets64 = b.getLong(p);
            }
            at += align(len);
        }
        return packets64;
    }

    private static String string(ByteBuffer b, int at, int len) {
        int end = at;
        while (end < at + len && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.US_ASCII);
    }

    private static int align(int len) {
        return (len + 3) & ~3;
    }
}
