package io.tapsteer.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapDevice;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Which methods of the exported services a desktop may call on a lab host: those whose parameters
 * and result are values (snapshots, strings, numbers, lists of values); a method that takes or
 * gives a live handle is refused at once, in words, without a network round trip.
 */
class RemoteCallsTest {
    @Test
    void snapshotsStringsAndNumbersCross() throws Exception {
        assertTrue(RemoteCalls.crosses(StatsService.class.getMethod("snapshot", String.class, Duration.class)));
        assertTrue(RemoteCalls.crosses(StatsService.class.getMethod("devices")));
        assertTrue(RemoteCalls.crosses(TapInventory.class.getMethod("scan")));
        assertTrue(RemoteCalls.crosses(QueueManager.class.getMethod("useStrategy", String.class)));
        assertTrue(RemoteCalls.crosses(QueueManager.class.getMethod("queueCounters")));
        assertTrue(RemoteCalls.crosses(KernelSteering.class.getMethod("isAvailable")));
    }

    @Test
    void liveHandlesDoNotCross() throws Exception {
        assertFalse(RemoteCalls.crosses(QueueManager.class.getMethod("device")));
        assertFalse(RemoteCalls.crosses(QueueManager.class.getMethod("transmit", ByteBuffer.class, int.class, int.class)));
        assertFalse(RemoteCalls.crosses(TapInventory.class.getMethod("foreign", String.class, String.class)));
        assertFalse(RemoteCalls.crosses(KernelSteering.class.getMethod("status", TapDevice.class)));
    }

    @Test
    void aLiveHandleIsRefusedInWordsWithoutACall() throws Exception {
        Method device = QueueManager.class.getMethod("device");
        QueueManager never = (QueueManager) java.lang.reflect.Proxy.newProxyInstance(QueueManager.class.getClassLoader(),
                new Class<?>[] {QueueManager.class}, (p, m, a) -> {
                    throw new AssertionError("called " + m.getName());
                });
        QueueManager remote = RemoteCalls.wrap("b", QueueManager.class, never);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, remote::device);
        assertEquals("QueueManager." + device.getName() + " is not callable on host b: it takes or gives a live handle "
                + "(a tap, a queue, memory), not a value; remote calls pass snapshots only", e.getMessage());
    }
}
