package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One owner per device, attach / detach / re-attach, automq after detach, no fd left behind. */
class OwnershipTest {

    @Test
    void aSecondOwnerIsRefusedWithAnEbusyMessage() {
        try (EbpfLab lab = new EbpfLab("owner"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(2);
            k.attach(tap, KernelProgram.fixedQueue(1), "alice");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> k.attach(tap, KernelProgram.rss(RssConfig.defaults(2)), "bob"));
            assertTrue(e.getMessage().startsWith("EBUSY: tap \"" + tap.name() + "\" is steered by 'alice'"), e.getMessage());
            assertTrue(e.getMessage().contains("'alice' must detach first"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> k.detach(tap, "bob"), "bob cannot detach alice's program");
            assertEquals("alice", k.status(tap).orElseThrow().owner(), "alice keeps the device");
            assertEquals(KernelProgram.fixedQueue(1), k.status(tap).orElseThrow().program());
        }
    }

    @Test
    void detachReturnsToAutomqAndReattachSteersAgain() {
        try (EbpfLab lab = new EbpfLab("reattach"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            List<byte[]> frames = LabFrames.mixed(512);
            KernelSteeringStatus s = k.attach(tap, KernelProgram.fixedQueue(3), "lab");
            assertEquals(tap.name(), s.device());
            assertEquals(20, s.instructions(), "r6 = skb, r0 = 3, and the 17 instructions of the per-queue counting epilogue");
            assertEquals(512, lab.sendAndCollect(tap, frames).perQueue().get(3).size());

            k.detach(tap, "lab");
            assertTrue(k.status(tap).isEmpty());
            EbpfLab.Arrivals automq = lab.sendAndCollect(tap, frames);
            assertEquals(512, automq.total());
            long used = automq.perQueue().stream().filter(q -> !q.isEmpty()).count();
            assertTrue(used >= 3, "automq spreads 512 flows over the queues again: " + used + " used");

            k.attach(tap, KernelProgram.fixedQueue(0), "other");
            assertEquals(512, lab.sendAndCollect(tap, frames).perQueue().get(0).size(), "a new owner after detach");
            k.attach(tap, KernelProgram.automq(), "other");
            assertTrue(k.status(tap).isEmpty(), "attaching automq detaches");
        }
    }

    @Test
    void switchingProgramKindsKeepsTheOwnerAndSwapsAtomically() {
        try (EbpfLab lab = new EbpfLab("swap"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(2);
            KernelSteeringStatus fixed = k.attach(tap, KernelProgram.fixedQueue(1), "lab");
            KernelSteeringStatus rss = k.attach(tap, KernelProgram.rss(RssConfig.defaults(2)), "lab");
            assertEquals(KernelProgram.Kind.RSS, rss.program().kind());
            assertTrue(rss.maps().contains("ts_rss_state"), rss.maps());
            assertEquals(1, k.statuses().size());
            assertEquals("lab", rss.owner(), "the owner stays across program kinds");
            assertEquals(rss.programFd(), k.status(tap).orElseThrow().programFd(), "the device steers with the new program");
            assertEquals(KernelProgram.Kind.FIXED_QUEUE, fixed.program().kind());
        }
    }

    @Test
    void programsThatDoNotFitTheDeviceAreRefusedInWords() {
        try (EbpfLab lab = new EbpfLab("fit"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                    () -> k.attach(tap, KernelProgram.fixedQueue(4), "lab"));
            assertTrue(q.getMessage().contains("has 4 queues: use 0 to 3"), q.getMessage());
            IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                    () -> k.attach(tap, KernelProgram.rss(RssConfig.defaults(8)), "lab"));
            assertTrue(t.getMessage().contains("entries must be 0 to 3"), t.getMessage());
            IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                    () -> k.attach(tap, KernelProgram.fixedQueue(0), " "));
            assertTrue(o.getMessage().contains("owner"), o.getMessage());
            assertTrue(k.status(tap).isEmpty(), "nothing attached by a refused request");
        }
    }

    @Test
    void attachDetachCyclesLeaveNoFdOpen() {
        try (EbpfLab lab = new EbpfLab("fds")) {
            TapDevice tap = lab.tap(4);
            try (EbpfKernelSteering warm = new EbpfKernelSteering(false)) { // classes and bundle jars opened once
                warm.attach(tap, KernelProgram.rss(RssConfig.defaults(4)), "warm-up");
                warm.attach(tap, KernelProgram.table(new int[] {0, 1}), "warm-up");
            }
            int before = EbpfLab.openBpfFds();
            try (EbpfKernelSteering k = new EbpfKernelSteering(false)) {
                for (int i = 0; i < 10; i++) {
                    k.attach(tap, KernelProgram.rss(RssConfig.defaults(4)), "lab");
                    k.attach(tap, KernelProgram.rss(new RssConfig(RssConfig.DEFAULT_KEY, 0x1ff, RssConfig.equalTable(64, 3), 1, true)), "lab");
                    k.attach(tap, KernelProgram.table(new int[] {0, 1, 2, 3}), "lab");
                    k.attach(tap, KernelProgram.fixedQueue(i % 4), "lab");
                    k.detach(tap, "lab");
                }
                k.attach(tap, KernelProgram.rss(RssConfig.defaults(4)), "left-attached");
            }
            assertEquals(before, EbpfLab.openBpfFds(), "close() detached and closed every program and map");
        }
    }

    @Test
    void aClosedDeviceIsForgotten() {
        try (EbpfLab lab = new EbpfLab("gone"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(2);
            k.attach(tap, KernelProgram.fixedQueue(1), "lab");
            tap.close();
            assertFalse(k.status(tap).isPresent());
            assertTrue(k.statuses().isEmpty());
        }
    }
}
