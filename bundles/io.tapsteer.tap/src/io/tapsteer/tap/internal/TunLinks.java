package io.tapsteer.tap.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tun/tap devices of the calling thread's network namespace, from one rtnetlink RTM_GETLINK
 * dump: the tun driver's link attributes (IFLA_TUN_*) are what {@code ip -d link} prints (numqueues,
 * numdisabled, multi_queue, vnet_hdr, persist, owner, group), so no sysfs (which shows the
 * process's first namespace) and no external tool is needed.
 */
public final class TunLinks {
    /** One tun/tap link. {@code owner}/{@code group} are -1 when unset; {@code master} "" when none. */
    public record Link(String name, int ifindex, boolean up, int mtu, byte[] mac, int txQueueLength, String master,
            boolean tap, boolean multiQueue, boolean vnetHeader, boolean persist, int numQueues, int numDisabled,
            long owner, long group) {
    }

    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_MASTER = 10;
    private static final int IFLA_TXQLEN = 13;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_TUN_OWNER = 1;
    private static final int IFLA_TUN_GROUP = 2;
    private static final int IFLA_TUN_TYPE = 3;
    private static final int IFLA_TUN_VNET_HDR = 5;
    private static final int IFLA_TUN_PERSIST = 6;
    private static final int IFLA_TUN_MULTI_QUEUE = 7;
    private static final int IFLA_TUN_NUM_QUEUES = 8;
    private static final int IFLA_TUN_NUM_DISABLED_QUEUES = 9;
    private static final int NLA_TYPE_MASK = 0x3fff;

    private TunLinks() {
    }

    /** @return every tun/tap link of the calling thread's namespace, in ifindex order */
    public static List<Link> dump() {
        List<Raw> raw = new ArrayList<>();
        RtnetlinkDump.run(RTM_GETLINK, 16, RTM_NEWLINK, "RTM_GETLINK", "the link list", (b, start, end) -> raw.add(parse(b, start, end)));
        return resolve(raw);
    }

    /** What one RTM_NEWLINK said, before masters are named. */
    private static final class Raw {
        int ifindex;
        int flags;
        String name = "";
        int mtu;
        byte[] mac = new byte[0];
        int txqlen;
        int master;
        String kind = "";
        boolean tap;
        boolean multiQueue;
        boolean vnetHeader;
        boolean persist;
        int numQueues;
        int numDisabled;
        long owner = -1;
        long group = -1;
    }

    private static Raw parse(ByteBuffer b, int start, int end) {
        Raw r = new Raw();
        r.ifindex = b.getInt(start + 4);
        r.flags = b.getInt(start + 8);
        for (int at = start + 16; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & NLA_TYPE_MASK;
            if (len < 4 || at + len > end) {
                break;
            }
            int p = at + 4;
            int plen = len - 4;
            switch (type) {
                case IFLA_IFNAME -> r.name = string(b, p, plen);
                case IFLA_MTU -> r.mtu = b.getInt(p);
                case IFLA_ADDRESS -> {
                    r.mac = new byte[plen];
                    b.get(p, r.mac);
                }
                case IFLA_TXQLEN -> r.txqlen = b.getInt(p);
                case IFLA_MASTER -> r.master = b.getInt(p);
                case IFLA_LINKINFO -> linkInfo(b, p, p + plen, r);
                default -> { }
            }
            at += align(len);
        }
        return r;
    }

    private static void linkInfo(ByteBuffer b, int start, int end, Raw r) {
        for (int at = start; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & NLA_TYPE_MASK;
            if (len < 4 || at + len > end) {
                return;
            }
            if (type == IFLA_INFO_KIND) {
                r.kind = string(b, at + 4, len - 4);
            } else if (type == IFLA_INFO_DATA) {
                tunData(b, at + 4, at + len, r);
            }
            at += align(len);
        }
    }

    private static void tunData(ByteBuffer b, int start, int end, Raw r) {
        for (int at = start; at + 4 <= end;) {
            int len = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & NLA_TYPE_MASK;
            if (len < 4 || at + len > end) {
                return;
            }
            int p = at + 4;
            switch (type) {
                case IFLA_TUN_OWNER -> r.owner = b.getInt(p) & 0xffffffffL;
                case IFLA_TUN_GROUP -> r.group = b.getInt(p) & 0xffffffffL;
                case IFLA_TUN_TYPE -> r.tap = (b.get(p) & Tun.IFF_TAP) != 0;
                case IFLA_TUN_VNET_HDR -> r.vnetHeader = b.get(p) != 0;
                case IFLA_TUN_PERSIST -> r.persist = b.get(p) != 0;
                case IFLA_TUN_MULTI_QUEUE -> r.multiQueue = b.get(p) != 0;
                case IFLA_TUN_NUM_QUEUES -> r.numQueues = b.getInt(p);
                case IFLA_TUN_NUM_DISABLED_QUEUES -> r.numDisabled = b.getInt(p);
                default -> { }
            }
            at += align(len);
        }
    }

    private static List<Link> resolve(List<Raw> raw) {
        Map<Integer, String> names = new HashMap<>();
        for (Raw r : raw) {
            names.put(r.ifindex, r.name);
        }
        List<Link> links = new ArrayList<>();
        for (Raw r : raw) {
            if (r.kind.equals("tun")) {
                String master = r.master == 0 ? "" : names.getOrDefault(r.master, "ifindex " + r.master);
                links.add(new Link(r.name, r.ifindex, (r.flags & Tun.IFF_UP) != 0, r.mtu, r.mac, r.txqlen, master, r.tap,
                        r.multiQueue, r.vnetHeader, r.persist, r.numQueues, r.numDisabled, r.owner, r.group));
            }
        }
        return links;
    }

    private static String string(ByteBuffer b, int at, int len) {
        int end = at;
        while (end < at + len && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static int align(int len) {
        return (len + 3) & ~3;
    }
}
