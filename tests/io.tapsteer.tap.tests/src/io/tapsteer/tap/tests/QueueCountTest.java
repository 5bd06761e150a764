package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Taps of 1 to 256 queues, as the kernel counts them; the 257th queue is refused in words. */
class QueueCountTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 256})
    void tapHoldsRequestedQueues(int queues) {
        try (TapLab lab = new TapLab("count" + queues)) {
            TapDevice tap = lab.tap(queues);
            assertEquals(queues, tap.queues().size());
            assertEquals(queues, tap.attachedQueues());
            assertArrayEquals(new int[] {queues, 0}, lab.ipQueueCounts(tap.name()));
            for (int i = 0; i < queues; i++) {
                assertEquals(i, tap.queueAt(i).index(), "queue at kernel index " + i);
            }
        }
    }

    @Test
    void queue257IsRefusedWithTheLimit() {
        try (TapLab lab = new TapLab("limit")) {
            TapDevice tap = lab.tap(256);
            TapException e = assertThrows(TapException.class, tap::addQueue);
            assertEquals(7, e.errno());
            assertTrue(e.getMessage().contains("a tap holds at most 256 queues"), e.getMessage());
            assertEquals(256, tap.queues().size(), "the failed queue leaves nothing behind");
        }
    }

    @Test
    void detachedQueuesCountTowardTheLimit() {
        try (TapLab lab = new TapLab("limitdet")) {
            TapDevice tap = lab.tap(256);
            tap.detach(tap.queues().get(3));
            assertThrows(TapException.class, tap::addQueue);
            assertArrayEquals(new int[] {255, 1}, lab.ipQueueCounts(tap.name()));
        }
    }
}
