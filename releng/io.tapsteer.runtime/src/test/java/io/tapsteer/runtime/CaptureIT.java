package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code stats:capture} of a lab tap steered by the kernel's RSS program while a capture of real
 * traffic is replayed into it, read back by Debian's tshark: one interface per tap queue, each
 * interface's frames equal to that queue's counters, each frame's recorded RSS hash leading to the
 * queue the kernel put it on; and a capture onto a full disk, which fails in words and stays
 * readable.
 */
class CaptureIT {
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid());
    private static final String CLIENT = "tsc-a-" + SUFFIX;
    private static final String SERVER = "tsc-b-" + SUFFIX;
    private static Path dir;
    private static Path replay;
    private static long replayFrames;
    private static Tapsteer tapsteer;
    private static Tapsteer.Service service;
    private static String device;

    @BeforeAll
    static void startALab() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the lab tap needs root (CAP_NET_ADMIN)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump records the traffic: ./tapsteer test installs it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark reads the capture back: ./tapsteer test installs it");
        dir = Files.createTempDirectory("tapsteer-capture-it-");
        Path recorded = dir.resolve("lab.pcap");
        RealTraffic.record(recorded, CLIENT, SERVER, "tsc", SUFFIX);
        replay = dir.resolve("fitting.pcap");
        Tapsteer.sh("tcpdump", "-r", recorded.toString(), "-w", replay.toString(), "less", "1514");
        replayFrames = RealTraffic.count(replay);
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-capture-home-"));
        service = tapsteer.startService();
        String started = tapsteer.ok("lab:start --queues 4 --flows 64 --rate 1000 --seconds 1 --strategy rss");
        Matcher m = Pattern.compile("lab traffic on (\\S+) ").matcher(started);
        assertTrue(m.find(), started);
        device = m.group(1);
        Thread.sleep(2500); // the lab's own traffic ends after its second; from here on only replays reach the tap
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (service != null) {
            tapsteer.shell("lab:stop " + device);
            service.stop();
        }
        RealTraffic.deleteNamespaces(CLIENT, SERVER);
        if (tapsteer != null) {
            tapsteer.deleteHome();
            new Tapsteer(dir).deleteHome();
        }
    }

    @Test
    void eachQueueIsAnInterfaceAndEachHashLeadsToItsQueue() throws Exception {
        long[] before = queueCounters();
        Path file = dir.resolve("queues.pcapng");
        CompletableFuture<Tapsteer.Result> capture = whileReplaying(file, "--frames " + replayFrames + " --seconds 60");
        Tapsteer.Result r = capture.get(90, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.toString());
        long[] after = queueCounters();
        long[] counted = new long[4];
        for (int q = 0; q < 4; q++) {
            counted[q] = after[q] - before[q];
        }
        assertTrue(r.out().contains("captured " + replayFrames + " frames of " + device + " into " + file), r.out());
        assertTrue(r.out().contains("stopped by --frames") && r.out().contains("not captured: 0 "), r.out());

        long[] perInterface = new long[4];
        String fields = tshark("-r", file.toString(), "-T", "fields", "-e", "frame.interface_id",
                "-e", "frame.interface_name", "-e", "frame.interface_queue", "-e", "frame.comment");
        Pattern line = Pattern.compile("(\\d+)\\t(\\S+)\\t(\\d+)\\trss hash 0x([0-9a-f]{8}) type (\\S+) lane (\\d+)");
        // tshark 4.0 shows epb_queue (frame.interface_queue) but not epb_hash: its bytes are read from the file
        List<String> epbHashes = CaptureFiles.epbHashes(file);
        long frames = 0;
        for (String l : fields.strip().split("\n")) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "tshark shows the interface, queue and comment of every frame: '" + l + "'");
            int iface = Integer.parseInt(m.group(1));
            assertEquals(device + ":q" + iface, m.group(2));
            assertEquals(iface, Integer.parseInt(m.group(3)), "epb_queue is the frame's queue: " + l);
            String hex = m.group(4);
            assertEquals(m.group(5).equals("none") ? "" : "05" + hex, epbHashes.get((int) frames),
                    "epb_hash: Toeplitz (5), then the hash most significant byte first, as the comment prints it: " + l);
            long hash = Long.parseLong(hex, 16);
            // the default table of 4 queues is slot i -> queue i % 4; unclassified frames go to queue 0
            int expected = m.group(5).equals("none") ? 0 : (int) (hash & 127) % 4;
            assertEquals(expected, iface, "the kernel put the frame where the recorded hash leads: " + l);
            assertEquals(iface, Integer.parseInt(m.group(6)), "kernel RSS: a frame's lane is its queue: " + l);
            perInterface[iface]++;
            frames++;
        }
        assertEquals(replayFrames, frames, "tshark reads every frame");
        assertArrayEquals(counted, perInterface, "per interface, the frames the queue's counters counted");
        assertTrue(perInterface[0] > 0 && perInterface[1] > 0 && perInterface[2] > 0 && perInterface[3] > 0, "RSS spread the real traffic");
    }

    @Test
    void aFullDiskIsAnErrorInWordsAndTheFileStaysReadable() throws Exception {
        Path small = Files.createDirectory(dir.resolve("small"));
        Tapsteer.sh("mount", "-t", "tmpfs", "-o", "size=64k", "tapsteer-capture-it", small.toString());
        try {
            Path file = small.resolve("full.pcapng");
            Tapsteer.Result r = whileReplaying(file, "--seconds 30").get(90, TimeUnit.SECONDS);
            assertTrue(r.exit() != 0, "a full disk fails the command: " + r);
            Matcher m = Pattern.compile(Pattern.quote(file.toString()) + ": writing the capture failed after (\\d+) frame\\(s\\) \\(No space left on device\\); "
                    + "the frames written before stay readable").matcher(r.err());
            assertTrue(m.find(), "the user reads what happened: " + r);
            long written = Long.parseLong(m.group(1));
            assertTrue(written > 10, r.toString());
            assertEquals(written, tshark("-r", file.toString(), "-T", "fields", "-e", "frame.number").strip().split("\n").length,
                    "tshark reads every frame the message counts, without complaint");
        } finally {
            Tapsteer.sh("umount", small.toString());
        }
    }

    @Test
    void ctrlCEndsTheCaptureWithAValidFileOfTheFramesSoFar() throws Exception {
        Path file = dir.resolve("ctrl-c.pcapng");
        Process client = tapsteer.start("shell", "-c", "stats:capture --device " + device + " --seconds 120 " + file);
        Tapsteer.drain(client.getInputStream());
        CompletableFuture<String> err = Tapsteer.drain(client.getErrorStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(file) && Files.size(file) > 0) && client.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), "the capture started: " + err.getNow(""));
        String out = tapsteer.ok("lab:replay " + replay + " --device " + device + " --rate 5000");
        assertTrue(out.contains(replayFrames + " frames sent"), out);
        Thread.sleep(500); // the writer catches up with the lanes' rings

        Tapsteer.sh("kill", "-INT", Long.toString(client.pid())); // what Ctrl-C sends to ./tapsteer shell -c
        assertTrue(client.waitFor(10, TimeUnit.SECONDS), "the client ends on SIGINT");
        long size = awaitStableSize(file);
        tapsteer.ok("lab:replay " + replay + " --device " + device + " --rate 5000");
        Thread.sleep(500);
        assertEquals(size, Files.size(file), "the runtime's capture ended with its client: later frames are not written");
        Process tshark = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.number").start();
        CompletableFuture<String> frames = Tapsteer.drain(tshark.getInputStream());
        CompletableFuture<String> complaints = Tapsteer.drain(tshark.getErrorStream());
        assertTrue(tshark.waitFor(30, TimeUnit.SECONDS), "tshark ends");
        Tapsteer.Result read = new Tapsteer.Result(tshark.exitValue(), frames.get(5, TimeUnit.SECONDS),
                complaints.get(5, TimeUnit.SECONDS));
        assertEquals(0, read.exit(), "tshark reads the file: " + read);
        assertEquals("", read.err().lines().filter(l -> !l.startsWith("Running as user")).reduce("", String::concat),
                "without complaint: " + read);
        assertEquals(replayFrames, read.out().strip().split("\n").length, "every frame sent before Ctrl-C is in the file");
    }

    /** @return the file's size once it has not changed for half a second (at most 10 s) */
    private static long awaitStableSize(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = Files.size(file);
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(500);
        }
        return last;
    }

    @Test
    void badArgumentsAreRefusedInWords() throws Exception {
        assertRefused("stats:capture --device " + device + " --queues 0,7 " + dir.resolve("x.pcapng"),
                "--queues '0,7': '7' is outside the device's queues 0 to 3");
        assertRefused("stats:capture --device " + device + " --snaplen 10 " + dir.resolve("x.pcapng"), "--snaplen 10 is out of range: 64 to 262144 bytes");
        assertRefused("stats:capture --device nosuch " + dir.resolve("x.pcapng"), "device 'nosuch' is not steered here");
        assertRefused("stats:capture --device " + device + " " + dir.resolve("no/such/dir/x.pcapng"), ": cannot write the capture here (");
    }

    private static void assertRefused(String command, String message) throws Exception {
        Tapsteer.Result r = tapsteer.shell(command);
        assertTrue(r.exit() != 0, "refused: " + r);
        assertTrue(r.err().contains(message), "the user reads '" + message + "': " + r);
    }

    /** Starts {@code stats:capture OPTIONS FILE}, waits until it writes, replays the capture into the lab tap. */
    private static CompletableFuture<Tapsteer.Result> whileReplaying(Path file, String options) throws Exception {
        CompletableFuture<Tapsteer.Result> capture = CompletableFuture.supplyAsync(() -> {
            try {
                return tapsteer.shell("stats:capture --device " + device + " " + options + " " + file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(file) && Files.size(file) > 0) && !capture.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), "the capture started: " + (capture.isDone() ? capture.get() : "still starting"));
        String out = tapsteer.ok("lab:replay " + replay + " --device " + device + " --rate 5000");
        assertTrue(out.contains(replayFrames + " frames sent"), out);
        return capture;
    }

    /** @return what tshark prints, without its warning about running as root */
    private static String tshark(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "tshark";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return String.join("\n", Tapsteer.sh(cmd).lines().filter(l -> !l.startsWith("Running as user")).toList());
    }

    /** @return rx_packets per tap queue of the lab device */
    private static long[] queueCounters() throws Exception {
        long[] rx = new long[4];
        for (Json q : Json.lastLine(tapsteer.ok("stats:show --device " + device + " --json")).queues()) {
            rx[(int) q.number("queue")] = q.number("rx_packets");
        }
        return rx;
    }
}
