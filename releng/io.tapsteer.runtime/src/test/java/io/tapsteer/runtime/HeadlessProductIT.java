package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The assembled headless product as a user runs it: {@code ./tapsteer run} in its own process,
 * driven with {@code ./tapsteer shell -c}. Taps are made in the runtime's private lab namespace.
 */
class HeadlessProductIT {
    private static Tapsteer tapsteer;
    private static Process service;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the headless product makes taps: run the build as root (CAP_NET_ADMIN)");
        Tapsteer.assumeChosenJava();
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-it-"));
        service = tapsteer.start("run");
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "./tapsteer run did not open its shell socket: "
                + (service.isAlive() ? "still starting after 60 s" : "it exited with " + service.exitValue()));
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service == null) {
            return;
        }
        service.destroy();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS), "./tapsteer run did not stop on SIGTERM");
        // The taps lived in the runtime's private namespace: nothing may be left in the host.
        assertFalse(Tapsteer.sh("ip", "-o", "link", "show", "type", "tun").contains("itap"), "a tap outlived the runtime");
        tapsteer.deleteHome();
    }

    @Test
    void createListDetachAttachAsIpCountsThem() throws Exception {
        tapsteer.ok("tap:create --queues 4 itap0");
        String list = tapsteer.ok("tap:list");
        assertTrue(Pattern.compile("itap0\\s+shell-lab\\s+4\\s+0\\s").matcher(list).find(), list);

        String detached = tapsteer.ok("tap:detach itap0 1; tap:show itap0");
        assertTrue(detached.contains("numqueues 3 numdisabled 1"), detached);
        assertTrue(Pattern.compile("\\n\\s+1\\s+-\\s+\\d+\\s+detached").matcher(detached).find(), detached);
        assertEquals("3 1", ipQueueCounts(detached, "itap0"), "ip -d link disagrees with tap:show");

        String attached = tapsteer.ok("tap:attach itap0 1; tap:show itap0");
        assertTrue(attached.contains("numqueues 4 numdisabled 0"), attached);
        // A re-attached queue becomes the last kernel index.
        assertTrue(Pattern.compile("\\n\\s+1\\s+3\\s+\\d+\\s+attached").matcher(attached).find(), attached);
        assertEquals("4 0", ipQueueCounts(attached, "itap0"));

        tapsteer.ok("tap:close itap0");
        assertFalse(tapsteer.ok("tap:list").contains("itap0"));
    }

    @Test
    void aPersistentTapOutlivesItsFds() throws Exception {
        String show = tapsteer.ok("tap:create --queues 2 itap1; tap:persist itap1 true; tap:show itap1");
        assertTrue(show.contains("persist on"), show);
        Matcher ns = Pattern.compile("netns shell-lab \\((\\S+)\\)").matcher(show);
        assertTrue(ns.find(), show);
        tapsteer.ok("tap:close itap1");
        // Closed by tapsteer, still there for the kernel: the device is persistent.
        String ip = Tapsteer.sh("nsenter", "--net=" + ns.group(1), "ip", "-d", "link", "show", "dev", "itap1");
        assertTrue(ip.contains("itap1") && ip.contains("persist on"), ip);
        Tapsteer.sh("nsenter", "--net=" + ns.group(1), "ip", "link", "delete", "itap1");
    }

    @Test
    void aFailedCommandStopsTheScriptWithExitCodeOneAndSaysWhy() throws Exception {
        Tapsteer.Result r = tapsteer.shell("tap:create --queues 300 itap9; tap:list");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("queues 300 is out of range: a tap holds 1 to 256 queues"), r.toString());
        assertFalse(r.out().contains("DEVICE"), "the command after the failed one ran: " + r);
    }

    @Test
    void aSecondCreateOfAnOpenNameIsRefusedAndOneCloseLeavesNone() throws Exception {
        tapsteer.ok("tap:create --queues 2 dup0");
        Tapsteer.Result r = tapsteer.shell("tap:create --queues 2 dup0");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("tap dup0 is already open in this runtime (2 queues): close it first (tap:close dup0) or choose another name"), r.toString());
        String list = tapsteer.ok("tap:list");
        assertEquals(1, Pattern.compile("(?m)^dup0\\s").matcher(list).results().count(), list);
        tapsteer.ok("tap:close dup0");
        assertFalse(tapsteer.ok("tap:list").contains("dup0"), "a dup0 row is left after one close");
    }

    @Test
    void anUnknownTapIsNamedWithWhatExists() throws Exception {
        Tapsteer.Result r = tapsteer.shell("tap:show nosuch0");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("no tap named 'nosuch0' is open in this runtime"), r.toString());
    }

    /** The "Verifying the RSS Hash Calculation" table of the Microsoft RSS specification. */
    @ParameterizedTest(name = "{2}:{3} -> {0}:{1}")
    @CsvSource({
        "161.142.100.80, 1766, 66.9.149.187, 2794, 0x323e8fc2, 0x51ccc178",
        "65.69.140.83, 4739, 199.92.111.2, 14230, 0xd718262a, 0xc626b0ea",
        "12.22.207.184, 38024, 24.19.198.95, 12898, 0xd2d0a5de, 0x5c2b394a",
        "209.142.163.6, 2217, 38.27.205.30, 48228, 0x82989176, 0xafc7327f",
        "202.188.127.2, 1303, 153.39.163.191, 44251, 0x5d1809c5, 0x10e828a2",
        "3ffe:2501:200:3::1, 1766, 3ffe:2501:200:1fff::7, 2794, 0x2cc18cd5, 0x40207d3d",
        "ff02::1, 4739, 3ffe:501:8::260:97ff:fe40:efab, 14230, 0x0f0c461c, 0xdde51bbf",
        "fe80::200:f8ff:fe21:67cf, 38024, 3ffe:1900:4545:3:200:f8ff:fe21:67cf, 44251, 0x4b61e985, 0x02d1feef",
    })
    void rssHashGivesTheMicrosoftVectors(String dst, int dport, String src, int sport, String ip, String tcp) throws Exception {
        String out = tapsteer.ok("rss:hash " + src + " " + dst + "; rss:hash " + src + " " + dst + " " + sport + " " + dport);
        assertEquals(ip + "\n" + tcp + "\n", out);
    }

    @Test
    void rssHashTakesAColonSeparatedKeyAndRejectsBadOnes() throws Exception {
        String key = "6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0:d0:ca:2b:cb:ae:7b:30:b4:77:cb:2d:a3:80:30:f2:0c:6a:42:b7:3b:be:ac:01:fa";
        assertEquals("0x51ccc178\n", tapsteer.ok("rss:hash --key " + key + " 66.9.149.187 161.142.100.80 2794 1766"));
        Tapsteer.Result r = tapsteer.shell("rss:hash --key 6d5a5 192.0.2.1 192.0.2.2");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("key '6d5a5' is not hex bytes"), r.toString());
    }

    @Test
    void labTrafficShowsInRssShowAndStatsAndAddsUp() throws Exception {
        String started = tapsteer.ok("lab:start --queues 4 --flows 256 --seconds 60 --rate 2000 --strategy rss");
        Matcher dev = Pattern.compile("lab traffic on (lab\\d+)").matcher(started);
        assertTrue(dev.find(), started);
        String device = dev.group(1);
        String rss = tapsteer.ok("rss:show --device " + device);
        assertTrue(rss.startsWith("RX flow hash indirection table for " + device + " with 4 RX ring(s):"), rss);
        assertTrue(rss.contains("6d:5a:56:da:25:5b:0e:c2"), rss);

        // The stats service samples once a second: poll (bounded) until it tracks the device.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Tapsteer.Result stats = tapsteer.shell("stats:show --json --device " + device);
        while ((stats.exit() != 0 || !stats.out().strip().endsWith("}")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            stats = tapsteer.shell("stats:show --json --device " + device);
        }
        assertEquals(0, stats.exit(), stats.toString());
        Json s = Json.lastLine(stats.out());
        assertEquals(device, s.string("device"));
        assertEquals("rss", s.string("strategy"));
        assertEquals(4, s.queues().size(), "queues in " + s);
        assertTrue(s.json("rx").number("packets") >= 0, s.toString());
        assertTrue(tapsteer.ok("stats:show --device " + device).contains("balance:"));

        Json done = Json.lastLine(tapsteer.ok("lab:stop --json " + device));
        assertTrue(done.number("sent") > 0, done.toString());
        assertEquals(done.number("sent"), done.number("received") + done.number("dropped"));
        // With the RSS program in the kernel, the software RSS must predict every arrival queue.
        assertEquals(0, done.number("misrouted"));
    }

    private static String ipQueueCounts(String show, String device) throws Exception {
        Matcher ns = Pattern.compile("netns shell-lab \\((\\S+)\\)").matcher(show);
        assertTrue(ns.find(), show);
        String ip = Tapsteer.sh("nsenter", "--net=" + ns.group(1), "ip", "-d", "link", "show", "dev", device);
        Matcher m = Pattern.compile("numqueues (\\d+) numdisabled (\\d+)").matcher(ip);
        assertTrue(m.find(), ip);
        return m.group(1) + " " + m.group(2);
    }
}
