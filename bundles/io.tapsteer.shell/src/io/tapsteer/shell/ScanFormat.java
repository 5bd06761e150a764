package io.tapsteer.shell;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.stats.json.JsonDocument;
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
        return JsonDocument.of(w -> {
            w.beginObject();
            w.name("taps").beginArray();
            for (HostTap t : all) {
                w.beginObject();
                w.name("netns").value(t.netns());
                w.name("netns_inode").value(t.netnsInode());
                w.name("name").value(t.name());
                w.name("ifindex").value(t.ifindex());
                w.name("type").value(t.type());
                w.name("multi_queue").value(t.multiQueue());
                w.name("vnet_hdr").value(t.vnetHeader());
                w.name("persist").value(t.persist());
                w.name("numqueues").value(t.numQueues());
                w.name("numdisabled").value(t.numDisabled());
                w.name("owner").value(t.owner());
                w.name("group").value(t.group());
                w.name("txqueuelen").value(t.txQueueLength());
                w.name("master").value(t.master());
                w.name("up").value(t.up());
                w.name("holders").beginArray();
                for (TapHolder h : t.holders()) {
                    w.beginObject();
                    w.name("pid").value(h.pid());
                    w.name("command").value(h.command());
                    w.name("fd").value(h.fd());
                    w.endObject();
                }
                w.endArray();
                w.name("driven").value(t.driven());
                w.name("steering").value(steering.get(t.key()));
                w.endObject();
            }
            w.endArray();
            w.endObject();
        });
    }
}
