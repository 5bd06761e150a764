package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./tapsteer demo}, the README's main job, as a user runs it. */
class DemoIT {
    private static Tapsteer tapsteer;

    @BeforeAll
    static void home() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the demo makes a namespace and a tap: run the build as root (CAP_NET_ADMIN)");
        Tapsteer.assumeChosenJava();
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-demo-it-"));
    }

    @AfterAll
    static void clean() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void fourQueuesAnd1024FlowsAccountForEveryFrameAndShareFairly() throws Exception {
        String before = Tapsteer.sh("ip", "-o", "link", "show", "type", "tun");
        Tapsteer.Result r = tapsteer.run(180, "demo", "--queues", "4", "--flows", "1024", "--seconds", "4", "--rate", "5000", "--json");
        assertEquals(0, r.exit(), r.toString());
        Json j = Json.lastLine(r.out());
        long sent = j.number("sent");
        long received = j.number("received");
        long dropped = j.number("dropped");
        assertTrue(sent > 0, "nothing sent: " + r);
        assertEquals(sent, received + dropped, "received + dropped must equal sent: " + r);
        assertEquals(0, j.number("misrouted"), r.toString());
        assertEquals("automq", j.string("strategy"));
        assertEquals("automq", j.string("kernel_steering"));
        assertTrue(j.string("device").startsWith("demo"), r.toString());
        List<Json> queues = j.queues();
        assertEquals(4, queues.size(), r.toString());
        long read = queues.stream().mapToLong(q -> q.number("rx_packets")).sum();
        for (Json q : queues) {
            long rx = q.number("rx_packets");
            // Kernel automq spreads 1024 flows about 243/256/258/267: a fair share is a quarter, give or take a third.
            assertTrue(rx > read / 4 * 2 / 3 && rx < read / 4 * 4 / 3, "queue " + q.number("queue") + " carried " + rx + " of " + read + ": " + r);
            q.number("rx_bytes");
            q.number("drops");
        }
        assertEquals(before, Tapsteer.sh("ip", "-o", "link", "show", "type", "tun"), "the demo left a tap in the host");
    }

    @Test
    void rssInTheKernelIsPredictedBySoftwareRssForEveryFrame() throws Exception {
        Tapsteer.Result r = tapsteer.run(180, "demo", "--queues", "4", "--flows", "1024", "--seconds", "3", "--rate", "5000",
                "--strategy", "rss", "--kernel-steering", "ebpf", "--json");
        assertEquals(0, r.exit(), r.toString());
        Json j = Json.lastLine(r.out());
        assertEquals("rss", j.string("strategy"));
        assertEquals("ebpf", j.string("kernel_steering"));
        assertEquals(j.number("sent"), j.number("received") + j.number("dropped"), r.toString());
        assertEquals(0, j.number("misrouted"), r.toString());
    }

    @Test
    void vlanMixWithRssInUserSpaceOverAutomqIsPredictedForEveryFrame() throws Exception {
        Tapsteer.Result r = tapsteer.run(180, "demo", "--queues", "4", "--flows", "256", "--seconds", "3", "--rate", "3000",
                "--strategy", "rss", "--kernel-steering", "automq", "--mix", "vlan,ipv4-tcp", "--json");
        assertEquals(0, r.exit(), r.toString());
        Json j = Json.lastLine(r.out());
        assertEquals("rss", j.string("strategy"));
        assertEquals("automq", j.string("kernel_steering"), "the kernel keeps automq; rss runs in user space");
        assertTrue(j.number("sent") > 0, r.toString());
        assertEquals(j.number("sent"), j.number("received") + j.number("dropped"), r.toString());
        assertEquals(0, j.number("misrouted"), r.toString());
    }

    @Test
    void badOptionsAreNamedWithWhatIsAllowed() throws Exception {
        Tapsteer.Result r = tapsteer.run(120, "demo", "--queues", "300");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("--queues 300 is out of range: 1 to 256"), r.toString());
        r = tapsteer.run(120, "demo", "--mix", "ipv5-udp");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("--mix 'ipv5-udp' is unknown"), r.toString());
    }

    @Test
    void ctrlCMidRunLeavesNoNamespaceDeviceOrProcess() throws Exception {
        String taps = Tapsteer.sh("ip", "-o", "link", "show", "type", "tun");
        String netns = Tapsteer.sh("ip", "netns", "list");
        Process demo = tapsteer.start("demo", "--seconds", "120", "--rate", "5000");
        CompletableFuture<String> err = Tapsteer.drain(demo.getErrorStream());
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> tableShown = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("QUEUE")) {
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Tapsteer.THREADS);
        assertTrue(tableShown.get(120, TimeUnit.SECONDS), "the live table never showed: " + err.getNow(""));
        // The launcher execs the runtime: the demo's process is the JVM asked for (TAPSTEER_JAVA).
        var java = Tapsteer.chosenJava();
        if (java.isPresent()) {
            assertEquals(java.get().toRealPath(), Path.of("/proc/" + demo.pid() + "/exe").toRealPath(), "the demo ran on another JVM");
        }
        List<ProcessHandle> family = demo.descendants().toList();
        Tapsteer.sh("kill", "-INT", Long.toString(demo.pid()));
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo did not end within 60 s of SIGINT");
        for (ProcessHandle p : family) {
            assertFalse(p.isAlive(), "process " + p.pid() + " outlived the demo");
        }
        assertFalse(ProcessHandle.of(demo.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(taps, Tapsteer.sh("ip", "-o", "link", "show", "type", "tun"), "a tap outlived the demo");
        assertEquals(netns, Tapsteer.sh("ip", "netns", "list"), "a namespace outlived the demo");
        // The private namespace was the demo's own (unshared, never named): it went with the process,
        // and no runtime cache or socket is left in the home.
        assertEquals(List.of(), Files.list(tapsteer.home().resolve("cache")).toList());
        assertEquals(List.of(), Files.list(tapsteer.home().resolve("run")).toList());
    }

    @Test
    void ctrlCOfAJsonDemoEndsWithTheSummarySoFarAsItsLastLine() throws Exception {
        Process demo = tapsteer.start("demo", "--queues", "4", "--seconds", "120", "--rate", "5000", "--json");
        CompletableFuture<String> out = Tapsteer.drain(demo.getInputStream());
        CompletableFuture<String> err = Tapsteer.drain(demo.getErrorStream());
        // --json draws no table: the traffic runs once the demo's JVM holds the tap's queue fds
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (TapRacesIT.tunFds(demo.pid()) < 4 && demo.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(TapRacesIT.tunFds(demo.pid()) >= 4, "the demo never opened its tap: " + err.getNow(""));
        // traffic starts once every poller polls and ramps up over its first second: on a loaded
        // machine that takes a few seconds after the tap opened
        Thread.sleep(6000);
        Tapsteer.sh("kill", "-INT", Long.toString(demo.pid()));
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the demo did not end within 60 s of SIGINT");
        assertEquals(130, demo.exitValue(), "Ctrl-C ends with 130, as a shell expects");
        String o = out.get(10, TimeUnit.SECONDS);
        Json j = Json.lastLine(o);
        for (String key : List.of("device", "strategy", "kernel_steering", "sent", "received", "dropped", "device_gone", "misrouted",
                "predicted", "queues")) {
            assertTrue(j.has(key), "the summary has no " + key + ": " + j);
        }
        long dropped = j.number("dropped");
        assertTrue(j.number("sent") > 5000, "less than a second of traffic was summed up: " + j);
        assertTrue(j.number("seconds") < 60, "the run did not stop on Ctrl-C: " + j);
        assertEquals(j.number("sent"), j.number("received") + dropped, "every frame sent is received or counted as dropped: " + j);
        long perQueue = 0;
        for (Json q : j.queues()) {
            perQueue += q.number("rx_packets");
        }
        assertEquals(j.number("received"), perQueue, j.toString());
        assertFalse(err.get(10, TimeUnit.SECONDS).contains("closed the connection"), err.getNow(""));
    }
}
