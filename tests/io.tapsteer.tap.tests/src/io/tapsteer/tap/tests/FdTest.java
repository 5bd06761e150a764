package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Fd;
import io.tapsteer.tap.sys.LibC;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * An {@link Fd} closes its kernel fd exactly once, whoever closes it and how often: seen in
 * /proc/self/fd, and by the kernel handing the freed number to the next open, which a second close
 * must leave alone.
 */
class FdTest {
    private static int openDevNull() {
        int n = LibC.open("/dev/null", LibC.O_RDONLY | LibC.O_CLOEXEC);
        assertTrue(n >= 0, "open(/dev/null)");
        return n;
    }

    private static boolean open(int n) {
        return Files.exists(Path.of("/proc/self/fd/" + n));
    }

    @Test
    void closingTwiceClosesTheKernelFdOnce() {
        int n = openDevNull();
        Fd fd = Fd.of(n, "/dev/null");
        fd.close();
        assertFalse(open(n), "the first close closes fd " + n);
        int reused = openDevNull();
        try {
            assertEquals(n, reused, "the kernel hands out the lowest free number again");
            fd.close();
            assertTrue(open(reused), "the second close leaves the file that now has number " + n + " open");
            assertEquals(-1, fd.intValue());
        } finally {
            LibC.close(reused);
        }
    }

    @Test
    void closesFromTwoThreadsWhileACallRunsCloseOnceWhenTheCallEnds() throws InterruptedException {
        int n = openDevNull();
        Fd fd = Fd.of(n, "/dev/null");
        assertEquals(n, fd.acquire("read"));
        CountDownLatch start = new CountDownLatch(1);
        Thread[] closers = new Thread[2];
        for (int i = 0; i < closers.length; i++) {
            closers[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                fd.close();
            }, "fd-closer-" + i);
            closers[i].start();
        }
        start.countDown();
        for (Thread t : closers) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " returned");
        }
        assertTrue(fd.isClosed());
        assertTrue(open(n), "a call still uses fd " + n + ": the kernel fd stays open until it ends");
        fd.release();
        assertFalse(open(n), "the call ended: fd " + n + " is closed");
        int reused = openDevNull();
        try {
            assertEquals(n, reused, "the kernel hands out the lowest free number again");
            fd.close();
            assertTrue(open(reused), "a later close leaves the new file alone");
        } finally {
            LibC.close(reused);
        }
    }

    @Test
    void racingClosesLeaveTheNextFileAlone() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            int n = openDevNull();
            Fd fd = Fd.of(n, "/dev/null");
            CountDownLatch start = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                fd.close();
            }, "fd-closer");
            other.start();
            start.countDown();
            fd.close();
            other.join(10_000);
            assertFalse(open(n), "round " + round + ": fd " + n + " is closed");
            int reused = openDevNull();
            try {
                fd.close();
                assertTrue(open(reused), "round " + round + ": a third close leaves fd " + reused + " open");
            } finally {
                LibC.close(reused);
            }
        }
    }

    @Test
    void aReadAfterCloseSaysTheFdIsClosed() {
        Fd fd = Fd.of(openDevNull(), "/dev/null");
        fd.close();
        TapException e = assertThrows(TapException.class, () -> fd.read(0, 0));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("read on /dev/null failed with EBADF: the file descriptor is closed", e.getMessage());
    }

    @Test
    void aQueueReadAfterItsCloseSaysTheFdIsClosed() {
        try (TapLab lab = new TapLab("fdclose")) {
            TapDevice tap = lab.tap(2);
            TapQueue q = tap.queues().get(1);
            tap.closeQueue(q);
            assertEquals(-1, q.fd());
            ByteBuffer b = ByteBuffer.allocateDirect(2048);
            TapException read = assertThrows(TapException.class, () -> q.read(b, 0, 2048));
            assertEquals(Errno.EBADF, read.errno());
            assertTrue(read.getMessage().startsWith("read on queue 1 of tap \"" + tap.name() + "\" failed with EBADF"),
                    read.getMessage());
            assertTrue(read.getMessage().endsWith("the file descriptor is closed"), read.getMessage());
            TapException write = assertThrows(TapException.class, () -> q.write(b, 0, 64));
            assertEquals(Errno.EBADF, write.errno());
            tap.close();
        }
    }
}
