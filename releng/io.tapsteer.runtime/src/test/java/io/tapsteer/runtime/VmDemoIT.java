package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tapsteer demo --vm} and {@code lab:vm}, as a user runs them: a real guest (QEMU) on the
 * tap, its own per-queue counters against tapsteer's prediction and the kernel's count.
 */
class VmDemoIT {
    private static Tapsteer tapsteer;

    @BeforeAll
    static void home() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the guest's tap lives in a namespace of its own: run the build as root (CAP_NET_ADMIN)");
        Tapsteer.assumeChosenJava();
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-vm-it-"));
    }

    @AfterAll
    static void clean() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void theGuestsQueuesReceiveWhatTapsteerPredicts() throws Exception {
        Tapsteer.Result r = tapsteer.run(240, "demo", "--vm", "--strategy", "rss", "--queues", "4", "--flows", "4096", "--seconds", "3",
                "--rate", "20000", "--json");
        assertEquals(0, r.exit(), r.toString());
        Json j = Json.lastLine(r.out());
        assertEquals("ebpf", j.string("kernel_steering"), r.toString());
        long sent = j.number("sent");
        long dropped = j.number("dropped");
        assertTrue(sent > 4096, "a few rounds of the flows: " + r);
        assertEquals(sent, j.number("received") + dropped, "the guest received every frame the tap did not count dropped: " + r);
        assertEquals(0, j.number("misrouted"), r.toString());
        List<Json> queues = j.queues();
        assertEquals(4, queues.size(), r.toString());
        for (Json q : queues) {
            long guest = q.number("guest_rx_packets");
            long predicted = q.number("predicted_packets");
            assertEquals(predicted, q.number("kernel_packets"), "the kernel put the predicted frames on queue " + q.number("queue") + ": " + r);
            assertTrue(dropped > 0 ? guest <= predicted : guest == predicted, "queue " + q.number("queue") + ": " + r);
            assertTrue(guest > sent / 8, "each queue gets a share: " + r);
        }
        assertFalse(Files.exists(Path.of("/proc/" + j.number("qemu_pid"))), "QEMU ended with the demo");
    }

    @Test
    void labVmStartsShowsAndStopsAGuest() throws Exception {
        String out = tapsteer.ok("lab:vm start --queues 2; lab:vm show --json; lab:vm stop");
        List<String> lines = Arrays.asList(out.split("\n"));
        assertTrue(lines.get(0).matches("vmtap0: lab guest \\(kernel .*cloud-amd64, QEMU pid \\d+\\) receives on 2 queues in netns \\d+"), out);
        Json show = Json.parse(lines.stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(out)).strip());
        assertEquals(2, show.queues().size(), out);
        assertEquals(0, show.number("tx_dropped"), out);
        assertTrue(out.strip().endsWith("vmtap0: the guest is powered off, its tap and namespace are gone"), out);
        assertFalse(Files.exists(Path.of("/proc/" + show.number("qemu_pid"))), "QEMU ended with lab:vm stop");
    }

    @Test
    void aRateAnEmulatedGuestCannotTakeIsRefused() throws Exception {
        Tapsteer.Result r = tapsteer.run(120, "demo", "--vm", "--rate", "0");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("--rate 0 with --vm is out of range: 1 to 150000 frames/s"), r.toString());
    }
}
