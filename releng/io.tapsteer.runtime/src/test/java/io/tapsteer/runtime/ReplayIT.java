package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lab:replay} of a capture of real traffic (recorded by tcpdump between two namespaces of the
 * test's own) into a lab tap, through {@code ./tapsteer shell -c} as a user runs it: every frame
 * that fits the tap is sent and counted on the queue the kernel's RSS program put it on, which is
 * the queue {@code steer:whatif} predicts for the same capture; frames that do not fit are counted.
 */
class ReplayIT {
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid());
    private static final String CLIENT = "tsr-a-" + SUFFIX;
    private static final String SERVER = "tsr-b-" + SUFFIX;
    private static final Pattern SENT = Pattern.compile("(\\d+) pass(?:es)?, (\\d+) frames sent in [0-9.]+ s; not sent: (\\d+) shorter than"
            + " an Ethernet header, (\\d+) longer than the tap's MTU, (\\d+) cut short in the capture");
    private static Path dir;
    private static Path capture;
    private static Path fitting;
    private static long fittingFrames;
    private static Tapsteer tapsteer;

    @BeforeAll
    static void recordRealTraffic() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the capture is made between two namespaces: run the build as root (CAP_NET_ADMIN)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump records the capture: ./tapsteer test installs it");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-replay-it-"));
        dir = Files.createTempDirectory("tapsteer-replay-captures-");
        capture = dir.resolve("lab.pcap");
        RealTraffic.record(capture, CLIENT, SERVER, "tsr", SUFFIX);
        // the frames a 1500-byte MTU tap takes as they are (the veth may capture offloaded frames larger than that)
        fitting = dir.resolve("fitting.pcap");
        Tapsteer.sh("tcpdump", "-r", capture.toString(), "-w", fitting.toString(), "less", "1514");
        fittingFrames = RealTraffic.count(fitting);
        assertTrue(fittingFrames > 500, "the capture holds the traffic: " + fittingFrames + " frames");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RealTraffic.deleteNamespaces(CLIENT, SERVER);
        if (tapsteer != null) {
            tapsteer.deleteHome();
            new Tapsteer(dir).deleteHome();
        }
    }

    @Test
    void everyFrameLandsOnTheQueueWhatIfPredicts() throws Exception {
        String out = tapsteer.ok("lab:replay " + fitting + " --queues 4 --strategy rss --rate 5000");
        long[] sent = sentLine(out);
        assertEquals(1, sent[0], out);
        assertEquals(fittingFrames, sent[1], "every frame of the capture was sent: " + out);
        assertEquals(0, sent[2] + sent[3] + sent[4], out);
        assertTrue(out.contains("kernel steering ebpf"), "the lab's rss runs as a kernel program: " + out);
        assertTrue(out.contains("sent " + fittingFrames + "  received " + fittingFrames + "  dropped 0"), out);
        String whatif = tapsteer.ok("steer:whatif " + fitting + " --queues 4 --rss default --json");
        assertArrayEquals(predicted(whatif), queues(out), "per queue, the kernel put the replayed frames where software RSS predicts: "
                + out + "\n" + whatif);
    }

    @Test
    void framesThatDoNotFitAreCountedNotSentAndLoopsRepeatTheFile() throws Exception {
        // three IPv4 frames of 2000 bytes (a jumbo frame from a 9000-byte MTU host) and three of 10 bytes
        byte[] jumbo = new byte[2000];
        jumbo[12] = 0x08;
        jumbo[14] = 0x45;
        Path odd = dir.resolve("odd.pcap");
        Path odder = dir.resolve("odder.pcap");
        CaptureFiles.append(capture, odd, jumbo, 3);
        CaptureFiles.append(odd, odder, new byte[10], 3);
        long big = RealTraffic.count(capture, "greater", "1515") + 3;
        long all = RealTraffic.count(capture) + 6;
        String out = tapsteer.ok("lab:replay " + odder + " --loop 2 --rate 20000");
        long[] sent = sentLine(out);
        assertEquals(2, sent[0], out);
        assertEquals(2 * (all - big - 3), sent[1], out);
        assertEquals(2 * 3, sent[2], "frames shorter than an Ethernet header are counted each pass: " + out);
        assertEquals(2 * big, sent[3], "frames longer than the MTU allows are counted each pass: " + out);
        assertTrue(out.contains("received " + 2 * (all - big - 3) + "  dropped 0"), out);
    }

    @Test
    void aSnapshotLengthCutIsCountedAndTheDamagedEndIsReported() throws Exception {
        Path cutFrames = dir.resolve("snap.pcap");
        CaptureFiles.snap(fitting, cutFrames, 60);
        long shortEnough = RealTraffic.count(fitting, "less", "60");
        String out = tapsteer.ok("lab:replay " + cutFrames);
        long[] sent = sentLine(out);
        assertEquals(shortEnough, sent[1], "only frames the capture holds whole are sent: " + out);
        assertEquals(fittingFrames - shortEnough, sent[4], out);

        byte[] whole = Files.readAllBytes(fitting);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, midRecord(whole)));
        out = tapsteer.ok("lab:replay " + cut);
        sent = sentLine(out);
        assertEquals(0, sent[0], "no whole pass over a damaged file: " + out);
        assertTrue(sent[1] > fittingFrames / 4 && sent[1] < fittingFrames, out);
        assertTrue(out.contains("stopped early: " + cut + ": damaged after " + sent[1] + " whole frame(s)"), out);
        assertTrue(out.contains("received " + sent[1] + "  dropped 0"), "the frames before the damage went through: " + out);
    }

    @Test
    void badInputIsRefusedInWordsBeforeAnyTapIsMade() throws Exception {
        Path garbage = dir.resolve("garbage.pcap");
        Files.writeString(garbage, "not a capture\n".repeat(8));
        assertRefused("lab:replay " + garbage, garbage + ": not a pcap or pcapng capture (libpcap: ");
        assertRefused("lab:replay " + dir.resolve("none.pcap"), dir.resolve("none.pcap") + ": no such capture file");
        assertRefused("lab:replay " + fitting + " --loop 0", "--loop 0 is out of range: 1 to 1000 passes over the file");
        assertRefused("lab:replay " + fitting + " --device nosuch", "no lab run on 'nosuch': lab:replay sends only into a lab's tap");
        assertRefused("lab:replay " + fitting + " --device x --queues 2", "--queues and --strategy shape a new lab tap");
    }

    private void assertRefused(String command, String message) throws Exception {
        Tapsteer.Result r = tapsteer.shell(command);
        assertTrue(r.exit() != 0, "refused: " + r);
        assertTrue(r.err().contains(message), "the user reads '" + message + "': " + r);
    }

    /**
     * @return a length that cuts a pcap file in the middle of the record that spans its half, so
     *         the file is damaged whatever the captured frames' sizes (a cut at a record boundary
     *         would leave a whole, shorter capture)
     */
    private static int midRecord(byte[] pcap) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(pcap).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4 && b.getInt(0) != 0xa1b23c4d) {
            b.order(java.nio.ByteOrder.BIG_ENDIAN);
        }
        int at = 24;
        while (true) {
            int length = b.getInt(at + 8);
            int next = at + 16 + length;
            if (next > pcap.length / 2) {
                return at + 16 + Math.max(1, length / 2);
            }
            at = next;
        }
    }

    /** @return passes, sent, not Ethernet, too long, truncated from the replay line */
    private static long[] sentLine(String out) {
        Matcher m = SENT.matcher(out);
        assertTrue(m.find(), "the replay line: " + out);
        long[] v = new long[5];
        for (int i = 0; i < 5; i++) {
            v[i] = Long.parseLong(m.group(i + 1));
        }
        return v;
    }

    /** @return RX_PACKETS per queue from the report's queue table */
    private static long[] queues(String out) {
        List<Long> rx = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(\\d+)\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+[0-9.]+%$").matcher(out);
        while (m.find()) {
            rx.add(Long.parseLong(m.group(2)));
        }
        return rx.stream().mapToLong(Long::longValue).toArray();
    }

    /** @return frames per queue of the one candidate of a what-if report */
    private static long[] predicted(String whatif) {
        return Json.lastLine(whatif).array("candidates").get(0).queues().stream().mapToLong(q -> q.number("frames")).toArray();
    }
}
