package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ebpf:attach} on taps other processes hold, refused in tapsteer's words as a user of
 * {@code ./tapsteer shell -c} reads them: a tun device and a tap without multi_queue (tun flags
 * that cannot be steered), a tap no process holds, and a tap whose holder exited after a program
 * was attached (the device is gone: looked up again, it is not found; its program is forgotten
 * and its pins removed). The taps live in a namespace of the test's own; a small Python holder
 * opens two queues the way a VMM does.
 */
class ForeignRefusalsIT {
    private static final String NS = "tsref" + ProcessHandle.current().pid();
    /** Holds a 2-queue tap (IFF_TAP | IFF_NO_PI | IFF_MULTI_QUEUE) until its input ends; bounded to 120 s. */
    private static final String HOLDER = String.join("\n",
            "import fcntl, os, select, struct, sys",
            "fds = []",
            "for i in range(2):",
            "    fd = os.open('/dev/net/tun', os.O_RDWR)",
            "    fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH22x', sys.argv[1].encode(), 0x2 | 0x1000 | 0x100))",
            "    fds.append(fd)",
            "print('ready', flush=True)",
            "select.select([sys.stdin], [], [], 120)");
    private static Tapsteer tapsteer;
    private static Tapsteer.Service service;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the test makes a namespace and taps: run the build as root (CAP_NET_ADMIN)");
        Tapsteer.sh("ip", "netns", "add", NS);
        Tapsteer.sh("ip", "-n", NS, "tuntap", "add", "dev", "reftun0", "mode", "tun", "multi_queue");
        Tapsteer.sh("ip", "-n", NS, "tuntap", "add", "dev", "refsq0", "mode", "tap");
        Tapsteer.sh("ip", "-n", NS, "tuntap", "add", "dev", "refnh0", "mode", "tap", "multi_queue");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-foreign-refusals-"));
        service = tapsteer.startService();
    }

    @AfterAll
    static void stopService() throws Exception {
        try {
            if (service != null) {
                service.stop();
                tapsteer.deleteHome();
            }
        } finally {
            RealTraffic.deleteNamespaces(NS);
        }
    }

    private static void refused(String command, String message) throws Exception {
        Tapsteer.Result r = tapsteer.shell(command);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tapsteer: " + command + ": " + message + "\n", r.err(), r.toString());
    }

    @Test
    void tunFlagsThatCannotBeSteeredAreRefusedInWords() throws Exception {
        refused("ebpf:attach --device reftun0 --netns " + NS + " rss",
                "reftun0 is a tun device (IP packets, no Ethernet header): tapsteer steers taps (IFF_TAP) only");
        refused("ebpf:attach --device refsq0 --netns " + NS + " queue 0",
                "refsq0 was created without multi_queue: it has one queue, so there is nothing to steer");
    }

    @Test
    void aTapNoProcessHoldsIsRefusedInWords() throws Exception {
        refused("ebpf:attach --device refnh0 --netns " + NS + " queue 0",
                "tap \"refnh0\" has no attached queue (no process holds one, or its holders detached them all): there is "
                        + "nothing to steer; tap:scan shows its holders");
    }

    @Test
    void aTapWhoseHolderExitedIsGoneAndItsProgramForgotten() throws Exception {
        Process holder = new ProcessBuilder("ip", "netns", "exec", NS, "python3", "-c", HOLDER, "vmgone0").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine(), "the holder opened its queues");
            assertEquals("vmgone0: fixed-queue 1 attached", firstWords(tapsteer.ok("ebpf:attach --device vmgone0 --netns " + NS + " queue 1")));
            assertTrue(tapsteer.ok("ebpf:status").contains("vmgone0: fixed-queue 1"), "attached and listed");
        } finally {
            holder.getOutputStream().close(); // the holder exits; its tap goes with its last queue
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS), "the holder exits when its input ends");
        }
        refused("ebpf:attach --device vmgone0 --netns " + NS + " queue 0",
                "no tun/tap named 'vmgone0' in netns " + NS + ": tap:scan lists every tun/tap in every namespace");
        String status = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !(status = tapsteer.ok("ebpf:status")).contains("no program attached")) {
            Thread.sleep(200);
        }
        assertTrue(status.contains("no program attached"), "the gone device's program is forgotten: " + status);
        Path pins = Path.of("/sys/fs/bpf/tapsteer");
        if (Files.isDirectory(pins)) {
            try (Stream<Path> s = Files.list(pins)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith("-vmgone0")), "its pins are removed");
            }
        }
    }

    /** @return "DEVICE: PROGRAM attached" of an attach answer, without its fd and size */
    private static String firstWords(String answer) {
        String line = answer.strip();
        int paren = line.indexOf(" (fd ");
        return paren < 0 ? line : line.substring(0, paren);
    }
}
