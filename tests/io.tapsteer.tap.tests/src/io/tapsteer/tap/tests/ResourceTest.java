package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.QueueWaiter;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No fd leaks, no devices left behind, clean errors once a device is gone. */
class ResourceTest {

    /**
     * @return fds of the kinds a lab opens (tun queues, namespaces, sockets, epoll, eventfd, io_uring):
     *         other threads of the test runtime open and close jars and logs meanwhile, which would
     *         blame the lab for their files
     */
    private static int openFds() {
        int n = 0;
        for (String fd : new File("/proc/self/fd").list()) {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
                n += !target.startsWith("/") || target.equals("/dev/net/tun") ? 1 : 0;
            } catch (IOException e) { // closed while listing: not the lab's
            }
        }
        return n;
    }

    @Test
    void labLeavesNoFdBehind() {
        // warm up: JNA, class loading and the first namespace open a few fds for good
        try (TapLab lab = new TapLab("warm")) {
            lab.tap(2).queues().get(0).newWaiter().close();
        }
        int before = openFds();
        for (int i = 0; i < 3; i++) {
            try (TapLab lab = new TapLab("leak" + i)) {
                TapDevice tap = lab.tap(8);
                tap.detach(tap.queues().get(2));
                tap.addQueue();
                try (QueueWaiter w = tap.queues().get(0).newWaiter()) {
                    w.wakeup();
                    assertFalse(w.await(1000), "a wake-up is not readiness");
                }
                lab.sendFlows(tap, 10, 0);
            }
        }
        assertEquals(before, openFds(), "fds after three labs");
    }

    @Test
    void waiterSeesFramesAndWakeUpsFromOtherThreads() throws Exception {
        try (TapLab lab = new TapLab("waiter")) {
            TapDevice tap = lab.tap(1);
            TapQueue q = tap.queues().get(0);
            try (QueueWaiter w = q.newWaiter()) {
                assertFalse(w.await(0), "idle queue");
                Thread t = new Thread(() -> {
                    sleep(100);
                    w.wakeup();
                });
                t.start();
                // a wake-up and a time-out both return false: only the time tells them apart, so the
                // time-out is far from the 100 ms wake-up (a slow machine cannot mistake the two)
                long start = System.nanoTime();
                assertFalse(w.await(60_000));
                assertTrue(System.nanoTime() - start < 30_000_000_000L, "woken, not timed out after 60 s");
                t.join();
                lab.sendFlows(tap, 1, 0);
                assertTrue(w.await(5000), "readable after a frame");
            }
        }
    }

    @Test
    void deviceDeletedUnderneathGivesAClearError() {
        try (TapLab lab = new TapLab("deleted")) {
            TapDevice tap = lab.tap(2);
            lab.sh("ip", "link", "del", tap.name());
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            TapException e = assertThrows(TapException.class, () -> tap.queues().get(0).read(buf, 0, 2048));
            assertTrue(e.getMessage().contains("the device is gone"), e.getMessage());
        }
    }

    @Test
    void heapBuffersAreRefusedInWords() {
        try (TapLab lab = new TapLab("heap")) {
            TapQueue q = lab.tap(1).queues().get(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> q.read(ByteBuffer.allocate(100), 0, 100));
            assertTrue(e.getMessage().contains("direct memory"), e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
