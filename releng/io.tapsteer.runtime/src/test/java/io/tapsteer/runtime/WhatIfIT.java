package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code steer:whatif} on a capture of real traffic (HTTP over TCP, UDP over IPv4 and IPv6, the
 * ICMP errors and ARP/NDP they cause) recorded by tcpdump between two namespaces of the test's own,
 * and on hand-damaged files, through {@code ./tapsteer shell -c} as a user runs it.
 */
class WhatIfIT {
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid());
    private static final String CLIENT = "tsw-a-" + SUFFIX;
    private static final String SERVER = "tsw-b-" + SUFFIX;
    private static Path dir;
    private static Path capture;
    private static long tcpdumpFrames;
    private static Tapsteer tapsteer;

    @BeforeAll
    static void recordRealTraffic() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the capture is made between two namespaces: run the build as root (CAP_NET_ADMIN)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump records the capture: ./tapsteer test installs it");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-whatif-it-"));
        dir = Files.createTempDirectory("tapsteer-whatif-captures-");
        capture = dir.resolve("lab.pcap");
        RealTraffic.record(capture, CLIENT, SERVER, "tsw", SUFFIX);
        tcpdumpFrames = tcpdumpCount();
        assertTrue(tcpdumpFrames > 500, "the capture holds the traffic: " + tcpdumpFrames + " frames");
    }

    /** @return the frames tcpdump reads back from the capture that match {@code filter} */
    private static long tcpdumpCount(String... filter) throws Exception {
        return RealTraffic.count(capture, filter);
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
    void everyCandidateSeesEveryFrameAndTheReportSaysHowEachSpreadsThem() throws Exception {
        String out = tapsteer.ok("steer:whatif " + capture + " --queues 4 --strategy flow-hash --strategy round-robin"
                + " --rss \"equal 2\" --rss \"types tcp4\" --json");
        Json report = Json.lastLine(out);
        assertEquals(tcpdumpFrames, report.number("frames"), "tapsteer read what tcpdump wrote");
        assertEquals(0, report.number("truncated"));
        List<Json> candidates = report.array("candidates");
        assertEquals(4, candidates.size(), out);
        for (Json c : candidates) {
            assertEquals(tcpdumpFrames, Arrays.stream(queueFrames(c)).sum(), "each candidate places every frame: " + c);
        }
        Json flowHash = candidates.get(0);
        assertEquals("flow-hash", flowHash.string("name"));
        assertEquals("kept", flowHash.string("flow_order"), "a flow hash keeps each flow on one queue");
        assertEquals(0, flowHash.number("flows_split"));
        assertTrue(flowHash.number("flows") > 100, "TCP connections and 128 UDP flows: " + flowHash);
        Json roundRobin = candidates.get(1);
        assertEquals("broken", roundRobin.string("flow_order"), "round robin spreads a flow's frames");
        long[] rr = queueFrames(candidates.get(1));
        assertTrue(Arrays.stream(rr).max().getAsLong() - Arrays.stream(rr).min().getAsLong() <= 1, "round robin is even: "
                + Arrays.toString(rr));
        long[] two = queueFrames(candidates.get(2));
        assertEquals(0, two[2] + two[3], "'equal 2' uses queues 0 and 1 only: " + Arrays.toString(two));
        assertTrue(two[0] > 0 && two[1] > 0, Arrays.toString(two));
        Json tcpOnly = candidates.get(3);
        assertEquals(tcpdumpCount("not (ip and tcp)"), tcpOnly.number("unclassified"),
                "with only tcp4 hashed, every frame that is not TCP over IPv4 is unclassified: " + tcpOnly);
    }

    @Test
    void theTableShowsTheCandidatesSideBySide() throws Exception {
        String out = tapsteer.ok("steer:whatif " + capture + " --queues 2 --strategy flow-hash --rss default");
        String[] lines = out.strip().split("\n");
        assertTrue(lines[0].startsWith("whatif " + capture + ": " + tcpdumpFrames + " frames on 2 queues"), out);
        assertTrue(lines[1].contains("flow-hash") && lines[1].contains("rss[default]"), out);
        assertTrue(lines[2].startsWith("queue 0") && lines[3].startsWith("queue 1"), out);
        assertTrue(out.contains("\nflow order    kept"), out);
        assertTrue(out.contains("top flows on queue "), out);
    }

    @Test
    void pcapngAndItsUnknownBlocksGiveTheSameAnswer() throws Exception {
        Path ng = dir.resolve("lab.pcapng");
        CaptureFiles.toPcapng(capture, ng, true);
        String fromPcap = tapsteer.ok("steer:whatif " + capture + " --rss default --json");
        String fromNg = tapsteer.ok("steer:whatif " + ng + " --rss default --json");
        assertEquals(fromPcap.replace(capture.toString(), "F"), fromNg.replace(ng.toString(), "F"),
                "pcapng (with a block no reader knows, which readers skip) reads as the pcap did");
    }

    @Test
    void aCaptureCutInsideAFrameIsReportedAndItsWholeFramesStillCount() throws Exception {
        byte[] all = Files.readAllBytes(capture);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        String out = tapsteer.ok("steer:whatif " + cut + " --rss default --json");
        Json j = Json.lastLine(out);
        assertTrue(j.number("frames") > tcpdumpFrames / 4 && j.number("frames") < tcpdumpFrames, out);
        assertTrue(j.string("damage").startsWith(cut + ": damaged after " + j.number("frames") + " whole frame(s)"), out);
        assertEquals(j.number("frames"), Arrays.stream(queueFrames(j.array("candidates").get(0))).sum());
    }

    @Test
    void filesThatAreNotEthernetCapturesAreRefusedInWords() throws Exception {
        Path garbage = dir.resolve("garbage.pcap");
        Files.writeString(garbage, "this is not a capture, it is a note\n".repeat(4));
        assertRefused("steer:whatif " + garbage, garbage + ": not a pcap or pcapng capture (libpcap: ");
        Path raw = dir.resolve("raw.pcap");
        CaptureFiles.emptyPcap(raw, 101);
        assertRefused("steer:whatif " + raw, raw + ": its frames are of link type RAW, not Ethernet: tapsteer reads Ethernet"
                + " captures (link type EN10MB)");
        assertRefused("steer:whatif " + dir.resolve("none.pcap"), dir.resolve("none.pcap") + ": no such capture file");
        assertRefused("steer:whatif " + capture + " --queues abc", "--queues 'abc': a queue count is a number from 1 to 256");
        assertRefused("steer:whatif " + capture + " --strategy nosuch", "--strategy 'nosuch' is not registered: registered are [");
        assertRefused("steer:whatif " + capture + " --rss \"equal 9\" --queues 4", "--rss 'equal 9' on 4 queues: ");
        assertRefused("steer:whatif " + capture + " --bogus", "unknown option '--bogus': use steer:whatif FILE");
        assertRefused("steer:whatif", "no capture file given: use steer:whatif FILE");
    }

    private static void assertRefused(String command, String message) throws Exception {
        Tapsteer.Result r = tapsteer.shell(command);
        assertTrue(r.exit() != 0, "refused: " + r);
        assertTrue(r.err().contains(message), "the user reads '" + message + "': " + r);
    }

    private static long[] queueFrames(Json candidate) {
        return candidate.queues().stream().mapToLong(q -> q.number("frames")).toArray();
    }
}
