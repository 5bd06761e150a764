package io.tapsteer.ebpf.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's own per-queue count of what it put on a multiqueue tap: the packets of each child
 * of the tap's mq root qdisc ({@code tc -s qdisc show dev TAP} run in the tap's namespace), child
 * {@code :N} being queue N-1. Counts every frame queue selection sent there, dropped or not.
 */
final class TapQdisc {
    private static final Pattern CHILD = Pattern.compile("parent :([0-9a-f]+)[^\\n]*\\n\\s*Sent \\d+ bytes (\\d+) pkt");

    private TapQdisc() {
    }

    /** @return packets per tap queue, index = queue */
    static long[] perQueue(String netnsPath, String tap) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nsenter", "--net=" + netnsPath, "tc", "-s", "qdisc", "show", "dev", tap)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("tc -s qdisc show dev " + tap + " failed: " + out);
        }
        TreeMap<Integer, Long> children = new TreeMap<>();
        Matcher m = CHILD.matcher(out);
        while (m.find()) {
            children.put(Integer.parseInt(m.group(1), 16) - 1, Long.parseLong(m.group(2)));
        }
        long[] per = new long[children.isEmpty() ? 0 : children.lastKey() + 1];
        children.forEach((q, n) -> per[q] = n);
        return per;
    }
}
