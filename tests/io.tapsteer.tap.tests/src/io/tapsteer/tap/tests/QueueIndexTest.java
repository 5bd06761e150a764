package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.internal.Probe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detach and attach sequences: tapsteer's counts equal {@code ip -d link show}, and its indices are
 * the kernel's, proven by a steering program that sends every frame to one kernel index.
 */
class QueueIndexTest {

    @Test
    void countsFollowDetachAndAttach() {
        try (TapLab lab = new TapLab("detach")) {
            TapDevice tap = lab.tap(4);
            List<TapQueue> q = tap.queues();
            tap.detach(q.get(1));
            assertCounts(lab, tap, 3, 1);
            tap.detach(q.get(0));
            assertCounts(lab, tap, 2, 2);
            tap.attach(q.get(1));
            assertCounts(lab, tap, 3, 1);
            tap.closeQueue(q.get(0));
            assertCounts(lab, tap, 3, 0);
            tap.addQueue();
            assertCounts(lab, tap, 4, 0);
        }
    }

    @Test
    void lastQueueTakesTheFreedIndexAndReattachedQueueBecomesLast() {
        try (TapLab lab = new TapLab("renumber")) {
            TapDevice tap = lab.tap(4);
            List<TapQueue> q = tap.queues();
            tap.detach(q.get(1));
            assertEquals(1, q.get(3).index(), "queue 3 moved into the freed index 1");
            assertEquals(-1, q.get(1).index());
            tap.attach(q.get(1));
            assertEquals(3, q.get(1).index(), "a re-attached queue becomes the last");
            for (int index = 0; index < 4; index++) {
                assertFramesArriveAt(lab, tap, index);
            }
        }
    }

    @Test
    void detachTwiceAndAttachTwiceAreRefused() {
        try (TapLab lab = new TapLab("twice")) {
            TapDevice tap = lab.tap(2);
            TapQueue q = tap.queues().get(0);
            TapException attach = assertThrows(TapException.class, () -> tap.attach(q));
            assertTrue(attach.getMessage().contains("already attached"), attach.getMessage());
            tap.detach(q);
            TapException detach = assertThrows(TapException.class, () -> tap.detach(q));
            assertTrue(detach.getMessage().contains("already detached"), detach.getMessage());
        }
    }

    @Test
    void detachedQueueReadsNothing() {
        try (TapLab lab = new TapLab("detread")) {
            TapDevice tap = lab.tap(2);
            TapQueue q = tap.queues().get(1);
            tap.detach(q);
            assertEquals(64, lab.sendFlows(tap, 64, 0));
            assertEquals(0, TapLab.drain(q).size());
            assertEquals(64, TapLab.drain(tap.queues().get(0)).size(), "all frames on the one attached queue");
        }
    }

    private static void assertCounts(TapLab lab, TapDevice tap, int attached, int detached) {
        assertArrayEquals(new int[] {attached, detached}, lab.ipQueueCounts(tap.name()), "ip -d link show");
        assertEquals(attached, tap.attachedQueues());
        assertEquals(detached, tap.detachedQueues());
    }

    /** Steers every frame to kernel index {@code index}; they must all be read from tapsteer's queue of that index. */
    private static void assertFramesArriveAt(TapLab lab, TapDevice tap, int index) {
        int prog = lab.ns.call(() -> Probe.loadConstantProgram(index));
        assertTrue(prog >= 0, "bpf load errno " + -prog);
        try {
            tap.setSteeringProgram(prog);
            assertEquals(32, lab.sendFlows(tap, 32, 0));
            for (TapQueue q : tap.queues()) {
                assertEquals(q.index() == index ? 32 : 0, TapLab.drain(q).size(), "frames on " + q + " for index " + index);
            }
        } finally {
            tap.setSteeringProgram(-1);
            io.tapsteer.tap.sys.LibC.close(prog);
        }
    }
}
