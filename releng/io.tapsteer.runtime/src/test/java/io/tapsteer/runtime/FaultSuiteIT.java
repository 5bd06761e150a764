package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Faults injected into one running runtime under lab traffic, one after the other: a tap deleted
 * from outside, a queue detached, the bundle of the strategy in use removed, a throwing strategy,
 * a bad configuration written at run time, a throwing frame handler, a frame handler that keeps
 * every frame until the pools are empty, and last a SIGKILL and a restart. After each, the
 * frames add up (sent = received + counted drops), no fd or thread of the run is left, and the
 * runtime still answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultSuiteIT {
    private static Tapsteer tapsteer;
    private static Tapsteer.Service running;
    private static int threads;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "lab traffic needs a namespace and a tap: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-fault-suite-"));
        running = tapsteer.startService();
        // one clean run first: the threads a runtime keeps once it has run lab traffic
        tapsteer.ok("lab:start --queues 4 --rate 10000 --seconds 60 --strategy flow-hash");
        Thread.sleep(1000);
        addsUp(Json.lastLine(tapsteer.ok("lab:stop --json lab0")));
        assertNoRunLeft();
        threads = threads();
    }

    @AfterAll
    static void stopService() throws Exception {
        if (running != null) {
            running.stop();
        }
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    @Order(1)
    void aTapDeletedUnderTraffic() throws Exception {
        String device = labStart("flow-hash");
        Thread.sleep(1000);
        Tapsteer.sh("nsenter", "--net=" + namespace(device), "ip", "link", "del", device);
        tapsteer.awaitOk("steer:show -d " + device, out -> out.contains("is gone"));
        Json j = Json.lastLine(tapsteer.ok("lab:stop --json " + device));
        assertTrue(j.flag("device_gone"), j.toString());
        addsUp(j);
        answersAndLeavesNothing();
    }

    @Test
    @Order(2)
    void aQueueDetachedAndAttachedUnderTraffic() throws Exception {
        String device = labStart("flow-hash");
        Thread.sleep(1000);
        String detached = tapsteer.ok("tap:detach " + device + " 1; tap:show " + device);
        assertTrue(detached.contains("numqueues 3 numdisabled 1"), detached);
        Thread.sleep(1000);
        String attached = tapsteer.ok("tap:attach " + device + " 1; tap:show " + device);
        assertTrue(attached.contains("numqueues 4 numdisabled 0"), attached);
        Thread.sleep(500);
        addsUp(Json.lastLine(tapsteer.ok("lab:stop --json " + device)));
        answersAndLeavesNothing();
    }

    @Test
    @Order(3)
    void theBundleOfTheStrategyInUseRemovedUnderTraffic() throws Exception {
        Path deployed = deployTestStrategy();
        String device = labStart("test-flaky");
        Thread.sleep(1000);
        Files.delete(deployed);
        String show = tapsteer.awaitOk("steer:show -d " + device, out -> !out.startsWith(device + ": strategy test-flaky"));
        assertFalse(show.startsWith(device + ": strategy test-flaky"), show);
        Thread.sleep(500);
        addsUp(Json.lastLine(tapsteer.ok("lab:stop --json " + device)));
        tapsteer.awaitOk("steer:list", out -> !out.contains("test-flaky"));
        answersAndLeavesNothing();
    }

    @Test
    @Order(4)
    void aThrowingStrategyUnderTraffic() throws Exception {
        Path deployed = deployTestStrategy();
        String device = labStart("test-flaky");
        Thread.sleep(2000);
        Json j = Json.lastLine(tapsteer.ok("lab:stop --json " + device));
        addsUp(j);
        assertEquals(0, j.number("dropped"), "a throwing strategy costs fallbacks, never frames: " + j);
        Files.delete(deployed);
        tapsteer.awaitOk("steer:list", out -> !out.contains("test-flaky"));
        answersAndLeavesNothing();
    }

    @Test
    @Order(5)
    void aBadConfigurationWrittenUnderTraffic() throws Exception {
        String device = labStart("rss");
        Thread.sleep(1000);
        Path conf = tapsteer.home().resolve("conf");
        Path rss = conf.resolve("io.tapsteer.rss.cfg");
        Path queue = conf.resolve("io.tapsteer.queue-bad.cfg");
        Files.writeString(rss, "table=equal 9\n");
        Files.writeString(queue, "device=bad0\nnamespace=private\nqueues=abc\n");
        String show = tapsteer.awaitOk("steer:show -d " + device, out -> out.contains("refused: conf/io.tapsteer.rss.cfg") && out.contains("refused: conf/io.tapsteer.queue-bad.cfg"));
        assertTrue(show.startsWith(device + ": strategy rss, lanes 4\n"), "the bad rss table was not kept away from the device: " + show);
        Thread.sleep(500);
        Json j = Json.lastLine(tapsteer.ok("lab:stop --json " + device));
        addsUp(j);
        assertEquals(0, j.number("dropped"), j.toString());
        Files.delete(rss);
        Files.delete(queue);
        answersAndLeavesNothing();
    }

    @Test
    @Order(6)
    void aThrowingFrameHandlerUnderTraffic() throws Exception {
        // while the handler is bound every batch fails: frames received again mean it left and the lanes live
        handlerFault("throwing", "handler-error", "dropped_handler", "the throwing handler's batches are not counted as handler drops");
    }

    @Test
    @Order(7)
    void aFrameHandlerThatEmptiesThePoolsUnderTraffic() throws Exception {
        // the handler gives its frames back as it goes: the pools refill and frames are received again
        handlerFault("retaining", "pool-exhausted", "dropped_pool_exhausted", "frames that found the pools empty are not counted as pool drops");
    }

    /**
     * Binds the test bundle's frame handler {@code handler} to a lab device under traffic until more
     * than 2000 frames were dropped at {@code place}, unbinds it, and checks that frames are received
     * again, that the summary adds up and counts the drops under {@code key}, and that nothing is left.
     */
    private void handlerFault(String handler, String place, String key, String uncounted) throws Exception {
        Path deployed = deployTestStrategy();
        String device = labStart("flow-hash");
        Path cfg = tapsteer.home().resolve("conf/io.tapsteer.queue.teststrategy." + handler + ".cfg");
        Files.writeString(cfg, "tapsteer.device=" + device + "\n");
        String stats = "stats:show --json -d " + device;
        tapsteer.awaitOk(stats, out -> drops(out, place) > 2000);
        long received = received(tapsteer.ok(stats));
        Files.delete(cfg);
        tapsteer.awaitOk(stats, out -> received(out) > received + 5000);
        Json j = Json.lastLine(tapsteer.ok("lab:stop --json " + device));
        addsUp(j);
        assertTrue(j.number(key) > 2000, uncounted + ": " + j);
        Files.delete(deployed);
        tapsteer.awaitOk("steer:list", out -> !out.contains("test-flaky"));
        answersAndLeavesNothing();
    }

    @Test
    @Order(8)
    void aSigkillUnderTrafficThenARestart() throws Exception {
        labStart("flow-hash");
        Thread.sleep(1000);
        Process p = running.process();
        p.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the runtime did not die on SIGKILL");
        // the lab namespace was unshared by the killed process: its tap went with it
        assertFalse(Tapsteer.sh("ip", "-o", "link", "show", "type", "tun").contains("lab0"), "a lab tap outlived SIGKILL");
        running = tapsteer.startService();
        String device = labStart("flow-hash");
        Thread.sleep(1000);
        addsUp(Json.lastLine(tapsteer.ok("lab:stop --json " + device)));
        assertNoRunLeft();
        try (Stream<Path> caches = Files.list(tapsteer.home().resolve("cache"))) {
            assertEquals(List.of(tapsteer.home().resolve("cache/" + running.process().pid())), caches.toList(),
                    "the killed runtime's cache was not swept");
        }
    }

    private static String labStart(String strategy) throws Exception {
        String out = tapsteer.ok("lab:start --queues 4 --flows 256 --rate 10000 --seconds 60 --strategy " + strategy);
        Matcher m = Pattern.compile("^lab traffic on (\\S+) ").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String namespace(String device) throws Exception {
        Matcher ns = Pattern.compile("netns " + device + " \\((\\S+)\\)").matcher(tapsteer.ok("tap:show " + device));
        assertTrue(ns.find(), "tap:show names the namespace");
        return ns.group(1);
    }

    /** @return frames delivered on the device's lanes, from stats:show --json */
    private static long received(String statsJson) {
        long n = 0;
        for (Json lane : Json.lastLine(statsJson).array("lanes")) {
            n += lane.number("rx_packets");
        }
        return n;
    }

    /** @return the device's drops of one reason (stats label), over its queues and lanes */
    private static long drops(String statsJson, String reason) {
        Json s = Json.lastLine(statsJson);
        long n = 0;
        for (String rows : List.of("queues", "lanes")) {
            for (Json row : s.array(rows)) {
                n += row.json("drops").number(reason);
            }
        }
        return n;
    }

    /** Every frame sent is received or counted where it was dropped. */
    private static void addsUp(Json j) {
        assertTrue(j.number("sent") > 0, j.toString());
        assertEquals(j.number("sent"), j.number("received") + j.number("dropped"), "frames do not add up: " + j);
        long perPlace = 0;
        for (String place : List.of("tap_queue_full", "pool_exhausted", "lane_full", "malformed", "handler", "gone_with_device")) {
            perPlace += j.has("dropped_" + place) ? j.number("dropped_" + place) : 0;
        }
        assertEquals(j.number("dropped"), perPlace, "every drop is counted where it happened: " + j);
    }

    private static void answersAndLeavesNothing() throws Exception {
        assertNoRunLeft();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads() > threads && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(threads() <= threads, "threads grew from " + threads + " to " + threads());
        assertTrue(tapsteer.ok("steer:list").contains("flow-hash"), "the runtime does not answer");
    }

    private static Path deployTestStrategy() throws Exception {
        Path target = Tapsteer.ROOT.resolve("tests/io.tapsteer.queue.teststrategy/target");
        Path jar;
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().matches("io\\.tapsteer\\.queue\\.teststrategy-.*\\.jar")).toList();
            assertEquals(1, jars.size(), "build tests/io.tapsteer.queue.teststrategy first: " + jars);
            jar = jars.get(0);
        }
        Path deployed = tapsteer.home().resolve("deploy").resolve(jar.getFileName());
        Files.copy(jar, deployed);
        tapsteer.awaitOk("steer:list", out -> out.contains("test-flaky"));
        return deployed;
    }

    /** No tap fd, io_uring or lab thread of a run is left (queue managers go asynchronously: bounded wait). */
    private static void assertNoRunLeft() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> left = runLeft();
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("left of the lab runs: " + left);
            }
            Thread.sleep(200);
        }
    }

    private static List<String> runLeft() throws Exception {
        long pid = running.process().pid();
        List<String> left = new java.util.ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path f : fds.toList()) {
                try {
                    String l = Files.readSymbolicLink(f).toString();
                    if (l.equals("/dev/net/tun") || l.contains("io_uring")) {
                        left.add("fd " + l);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String n = Files.readString(t.resolve("comm")).strip();
                    if (n.startsWith("tapsteer-lab")) {
                        left.add("thread " + n);
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        }
        String taps = tapsteer.ok("tap:list");
        if (taps.contains("lab")) {
            left.add("tap:list " + taps);
        }
        return left;
    }

    private static int threads() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + running.process().pid() + "/task"))) {
            return (int) s.count();
        }
    }

}
