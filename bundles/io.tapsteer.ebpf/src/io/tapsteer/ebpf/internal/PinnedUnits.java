package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a pinned steering program says about itself, and the unit made again from its pins: the
 * meta lines hold the owner, the kind and what the maps do not (the fixed queue is an immediate in
 * the program; the RSS key is kept whole, its tables only in pieces); the rest is read back from the
 * maps, so a table or configuration rewritten live is what a later run sees.
 */
public final class PinnedUnits {
    private PinnedUnits() {
    }

    /** A unit made again from its pins, with who attached it and when. */
    public record Adopted(SteeringUnit unit, String owner, Instant since) {
    }

    /** @return the meta lines for a unit attached by {@code owner} at {@code since} */
    public static Map<String, String> meta(SteeringUnit unit, String owner, Instant since, String device, String netns) {
        Map<String, String> m = new LinkedHashMap<>();
        KernelProgram p = unit.program();
        m.put("device", device);
        m.put("netns", netns);
        m.put("owner", owner);
        m.put("since", since.toString());
        m.put("kind", p.kind().name());
        m.put("instructions", Integer.toString(unit.instructions()));
        switch (p.kind()) {
            case FIXED_QUEUE -> m.put("queue", Integer.toString(p.queue()));
            case TABLE -> m.put("slots", Integer.toString(p.table().length));
            case RSS -> {
                m.put("key", HexFormat.of().formatHex(p.rss().key()));
                m.put("user_table", Boolean.toString(p.rss().userTable()));
            }
            default -> { }
        }
        return m;
    }

    /**
     * Opens the program and maps pinned in {@code dir} and makes the unit again.
     *
     * @throws RuntimeException when a pin is missing or the meta does not name a known kind
     */
    public static Adopted adopt(Path dir) {
        Map<String, String> m = Pins.meta(dir);
        String kind = m.getOrDefault("kind", "");
        int insns = Integer.parseInt(m.getOrDefault("instructions", "0"));
        BpfProgram prog = BpfProgram.adopt("ts_pinned", insns, Pins.open(dir, "prog"));
        QueueCounterMap counters = null;
        ArrayMap a = null;
        ArrayMap b = null;
        try {
            counters = new QueueCounterMap("ts_cnt", Pins.open(dir, "counters"));
            SteeringUnit unit = switch (kind) {
                case "FIXED_QUEUE" -> new FixedQueueUnit(KernelProgram.fixedQueue(Integer.parseInt(m.get("queue"))), prog, counters);
                case "TABLE" -> {
                    a = new ArrayMap("ts_table", 4, Integer.parseInt(m.get("slots")), Pins.open(dir, "table"));
                    yield new TableUnit(KernelProgram.table(TableUnit.read(a)), prog, a, counters);
                }
                case "RSS" -> {
                    a = new ArrayMap("ts_rss_sel", 4, 1, Pins.open(dir, "rss_sel"));
                    b = new ArrayMap("ts_rss_state", RssLayout.SIZE, 2, Pins.open(dir, "rss_state"));
                    RssConfig c = RssUnit.read(a, b, HexFormat.of().parseHex(m.get("key")), Boolean.parseBoolean(m.get("user_table")));
                    yield new RssUnit(KernelProgram.rss(c), prog, a, b, counters);
                }
                default -> throw new IllegalStateException("the pins in " + dir + " name no program kind tapsteer knows ('"
                        + kind + "'): remove the directory to forget them");
            };
            return new Adopted(unit, m.getOrDefault("owner", "shell"), Instant.parse(m.getOrDefault("since", Instant.EPOCH.toString())));
        } catch (RuntimeException e) {
            prog.close();
            for (AutoCloseable c : new AutoCloseable[] {counters, a, b}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception ignored) {
                    // closing our own fds does not fail
                }
            }
            throw e;
        }
    }
}
