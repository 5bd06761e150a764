package io.tapsteer.shell;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text and JSON of {@code tap:scan}. JSON keys are snake_case and stable, named as {@code ip -d
 * link} names them where it has a name: {@code {"taps":[{"netns","netns_inode","name","ifindex",
 * "type","multi_queue","vnet_hdr","persist","numqueues","numdisabled","owner","group","txqueuelen",
 * "master","up","holders":[{"pid","command","fd"}],"driven","steering"}]}}. {@code owner} and
 * {@code group} are -1 when unset, {@code master} is "" when none, {@code steering} is the program
 * this runtime attached or null.
 */
final class ScanFormat {
    private ScanFormat() {
    }

    static String text(List<HostTap> all, Map<String, String> steering) {
        if (all.isEmpty()) {
            return "no tun/tap device on this host";
        }
        StringBuilder b = new StringBuilder(String.format("%-12s %-15s %-4s %-6s %-27s %-6s %-6s %-10s %-12s %s%n",
                "NETNS", "DEVICE", "TYPE", "QUEUES", "FLAGS", "OWNER", "TXQLEN", "MASTER", "TAPSTEER", "HOLDERS"));
        for (HostTap t : all) {
            String mark = steering.containsKey(t.key()) ? "steered" : t.driven() ? "driven" : "-";
            b.append(String.format("%-12s %-15s %-4s %-6s %-27s %-6s %-6d %-10s %-12s %s%n", t.netns(), t.name(), t.type(),
                    t.numQueues() + "+" + t.numDisabled(), flags(t), t.owner() < 0 ? "-" : Long.toString(t.owner()),
                    t.txQueueLength(), t.master().isEmpty() ? "-" : t.master(), mark, holders(t.holders())));
        }
        for (HostTap t : all) {
            String s = steering.get(t.key());
            if (s != null) {
                b.append(t.name()).append(" (netns ").append(t.netns()).append("): ").append(s).append('\n');
            }
        }
        return b.substring(0, b.length() - 1);
    }

    private static String flags(HostTap t) {
        List<String> f = new ArrayList<>();
        if (t.multiQueue()) {
            f.add("multi_queue");
        }
        if (t.vnetHeader()) {
            f.add("vnet_hdr");
        }
        if (t.persist()) {
            f.add("persist");
        }
        f.add(t.up() ? "up" : "down");
        return String.join(",", f);
    }

    /** @return holders grouped by process: {@code qemu-system-x86 pid 4242 fd 31,32} */
    static String holders(List<TapHolder> holders) {
        if (holders.isEmpty()) {
            return "none";
        }
        Map<Integer, List<TapHolder>> byPid = new LinkedHashMap<>();
        for (TapHolder h : holders) {
            byPid.computeIfAbsent(h.pid(), p -> new ArrayList<>()).add(h);
        }
        List<String> parts = new ArrayList<>();
        byPid.forEach((pid, hs) -> parts.add(hs.get(0).command() + " pid " + pid + " fd "
                + String.join(",", hs.stream().map(h -> Integer.toString(h.fd())).toList())));
        return String.join("; ", parts);
    }

    static String json(List<HostTap> all, Map<String, String> steering) {
        StringBuilder b = new StringBuilder(256 + all.size() * 320).append("{\"taps\":[");
        for (int i = 0; i < all.size(); i++) {
            HostTap t = all.get(i);
            b.append(i == 0 ? "" : ",").append('{');
            str(b, "netns", t.netns()).append(",\"netns_inode\":").append(t.netnsInode()).append(',');
            str(b, "name", t.name()).append(",\"ifindex\":").append(t.ifindex()).append(',');
            str(b, "type", t.type()).append(",\"multi_queue\":").append(t.multiQueue()).append(",\"vnet_hdr\":")
                    .append(t.vnetHeader()).append(",\"persist\":").append(t.persist()).append(",\"numqueues\":")
                    .append(t.numQueues()).append(",\"numdisabled\":").append(t.numDisabled()).append(",\"owner\":")
                    .append(t.owner()).append(",\"group\":").append(t.group()).append(",\"txqueuelen\":")
                    .append(t.txQueueLength()).append(',');
            str(b, "master", t.master()).append(",\"up\":").append(t.up()).append(",\"holders\":[");
            for (int h = 0; h < t.holders().size(); h++) {
                TapHolder x = t.holders().get(h);
                b.append(h == 0 ? "" : ",").append("{\"pid\":").append(x.pid()).append(',');
                str(b, "command", x.command()).append(",\"fd\":").append(x.fd()).append('}');
            }
            b.append("],\"driven\":").append(t.driven()).append(",\"steering\":");
            String s = steering.get(t.key());
            if (s == null) {
                b.append("null");
            } else {
                quote(b, s);
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static StringBuilder str(StringBuilder b, String key, String value) {
        b.append('"').append(key).append("\":");
        return quote(b, value);
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
