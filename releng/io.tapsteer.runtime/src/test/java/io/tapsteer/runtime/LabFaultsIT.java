package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults under lab traffic in a running runtime, as a user meets them: a tap deleted from outside,
 * a strategy that throws, round robin. Each run ends with a summary whose frames add up, and the
 * runtime keeps answering with nothing of the run left behind.
 */
class LabFaultsIT {
    private Tapsteer tapsteer;
    private Tapsteer.Service running;
    private Process service;
    private CompletableFuture<String> serviceErr;

    @BeforeEach
    void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "lab traffic needs a namespace and a tap: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-faults-it-"));
        running = tapsteer.startService();
        service = running.process();
        serviceErr = running.log();
    }

    @AfterEach
    void stopService() throws Exception {
        if (running != null) {
            running.stop();
            tapsteer.deleteHome();
        }
    }

    @Test
    void aTapDeletedUnderTrafficIsGoneOnceWhileTheOtherRunAndEveryCommandGoOn() throws Exception {
        assertTrue(tapsteer.ok("lab:start --queues 4 --rate 20000 --seconds 60 --strategy flow-hash").startsWith("lab traffic on lab0"));
        assertTrue(tapsteer.ok("lab:start --queues 4 --rate 20000 --seconds 60 --strategy flow-hash").startsWith("lab traffic on lab1"));
        Matcher ns = Pattern.compile("netns lab0 \\((\\S+)\\)").matcher(tapsteer.ok("tap:show lab0"));
        assertTrue(ns.find(), "tap:show names the namespace");
        Thread.sleep(1000);

        Tapsteer.sh("nsenter", "--net=" + ns.group(1), "ip", "link", "del", "lab0");

        String show = tapsteer.awaitOk("steer:show -d lab0", out -> out.contains("is gone"));
        assertTrue(show.contains("steering none: tap \"lab0\" is gone (deleted underneath or its namespace closed)"), show);
        String list = tapsteer.ok("tap:list");
        assertTrue(Pattern.compile("(?m)^lab0\\s+lab0\\s+0\\s+0\\s+no\\s+gone").matcher(list).find(), list);
        assertTrue(Pattern.compile("(?m)^lab1\\s+lab1\\s+4\\s+0\\s+no\\s+up").matcher(list).find(), list);
        assertTrue(tapsteer.ok("stats:show -d lab0").contains("is gone"), "stats say the device is gone");

        String other = tapsteer.ok("steer:show -d lab1");
        assertTrue(other.contains("steering flow-hash via user space"), other);
        long before = lane0(other);
        Thread.sleep(500);
        assertTrue(lane0(tapsteer.ok("steer:show -d lab1")) > before, "lab1 keeps steering");

        Json gone = Json.lastLine(tapsteer.ok("lab:stop --json lab0"));
        assertTrue(gone.flag("device_gone"), gone.toString());
        assertEquals(gone.number("sent"), gone.number("received") + gone.number("dropped"), gone.toString());
        long lost = gone.has("dropped_gone_with_device") ? gone.number("dropped_gone_with_device") : 0;
        assertTrue(lost <= 4 * 1000, "more lost with the device than its 4 queue rings hold: " + gone);

        Json kept = Json.lastLine(tapsteer.ok("lab:stop --json lab1"));
        assertTrue(kept.number("sent") > 0);
        assertEquals(kept.number("sent"), kept.number("received") + kept.number("dropped"), kept.toString());

        assertNoRunLeft();
        service.toHandle().destroy(); // SIGTERM; Process.destroy would also close the pipes the log is read from
        assertTrue(service.waitFor(30, TimeUnit.SECONDS));
        String log = serviceErr.get(10, TimeUnit.SECONDS);
        List<String> lines = log.lines().filter(l -> l.contains("lab0")).toList();
        assertEquals(1, lines.stream().filter(l -> l.contains("lab0 is gone")).count(), log);
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("read failed") || l.contains("Exception")).toList());
        assertTrue(log.length() < 20_000, "the runtime's log grew to " + log.length() + " characters");
    }

    @Test
    void aThrowingStrategyCostsCountedFallbacksAndRoundRobinIsNotDisturbed() throws Exception {
        Path jar = testStrategyJar();
        Files.copy(jar, tapsteer.home().resolve("deploy").resolve(jar.getFileName()));
        tapsteer.awaitOk("steer:list", out -> out.contains("test-flaky"));

        tapsteer.ok("lab:start --queues 4 --flows 256 --rate 10000 --seconds 60 --strategy test-flaky");
        Thread.sleep(2000);
        String show = tapsteer.ok("steer:show -d lab0");
        Json flaky = Json.lastLine(tapsteer.ok("lab:stop --json lab0"));
        assertTrue(flaky.number("sent") > 5000, flaky.toString());
        assertEquals(flaky.number("sent"), flaky.number("received"), "a throwing strategy lost frames: " + flaky);
        assertEquals(0, flaky.number("dropped"), flaky.toString());
        long fallbacks = Pattern.compile("(?m)^\\s+queue\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\d+)$").matcher(show).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertTrue(fallbacks > 0, "every 100th select throws: counted as fallbacks: " + show);

        tapsteer.ok("lab:start --queues 4 --flows 256 --rate 10000 --seconds 60 --strategy round-robin");
        Thread.sleep(2000);
        Json rr = Json.lastLine(tapsteer.ok("lab:stop --json lab1"));
        assertEquals(rr.number("sent"), rr.number("received"), rr.toString());
        assertEquals(0, rr.number("dropped"), rr.toString());
        assertFalse(rr.flag("predicted"), "round robin's own choices are not re-asked: " + rr);
        assertNoRunLeft();
    }

    private static long lane0(String steerShow) {
        Matcher m = Pattern.compile("(?m)^\\s+lane\\s+0\\s+(\\d+)").matcher(steerShow);
        assertTrue(m.find(), steerShow);
        return Long.parseLong(m.group(1));
    }

    /** No tap fd, no ring and no thread of a lab run is left in the runtime (the queue managers go asynchronously). */
    private void assertNoRunLeft() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                runLeft();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void runLeft() throws Exception {
        long pid = service.pid(); // the launcher execs java
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            List<String> open = fds.map(f -> {
                try {
                    return Files.readSymbolicLink(f).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(l -> l.equals("/dev/net/tun") || l.contains("io_uring")).toList();
            assertEquals(List.of(), open, "fds of the lab runs left open");
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            List<String> left = tasks.map(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip();
                } catch (IOException e) {
                    return "";
                }
            }).filter(n -> n.startsWith("tapsteer-lab")).toList();
            assertEquals(List.of(), left, "threads of the lab runs left");
        }
        assertFalse(tapsteer.ok("tap:list").contains("lab"), "a lab tap is still listed");
    }


    private static Path testStrategyJar() throws IOException {
        Path target = Tapsteer.ROOT.resolve("tests/io.tapsteer.queue.teststrategy/target");
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().matches("io\\.tapsteer\\.queue\\.teststrategy-.*\\.jar")).toList();
            assertEquals(1, jars.size(), "build tests/io.tapsteer.queue.teststrategy first (it is in the reactor before this module): " + jars);
            return jars.get(0);
        }
    }
}
