package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A runtime killed with SIGKILL leaves its cache and socket; the next start removes them and says so. */
class LeftoversIT {
    private Tapsteer tapsteer;

    @AfterEach
    void deleteHome() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void aKilledServicesCacheAndSocketAreRemovedByTheNextRunInWords() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-leftovers-"));
        Process service = tapsteer.start("run");
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "./tapsteer run did not open its shell socket");
        Path cache = tapsteer.home().resolve("cache/" + service.pid());
        assertTrue(Files.isDirectory(cache), "the service has no cache of its own at " + cache);

        service.destroyForcibly();
        assertTrue(service.waitFor(20, TimeUnit.SECONDS), "the service did not die on SIGKILL");
        assertTrue(Files.exists(socket) && Files.isDirectory(cache), "SIGKILL left nothing to sweep up");

        Tapsteer.Result r = tapsteer.shell("tap:list");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("no runtime answers on " + socket + " (the service that opened it was killed): removed it"), r.toString());
        assertFalse(Files.exists(cache), "the killed service's cache is still there");
        assertFalse(Files.exists(socket), "the stale socket is still there");
        try (var left = Files.list(tapsteer.home().resolve("cache"))) {
            assertEquals(0, left.count(), "a cache outlived the command run");
        }
    }
}
