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

/**
 * A runtime killed with SIGKILL leaves its cache and socket; the next start removes them and says
 * so. Nothing a runtime works with lives outside its home, so nothing is left in the system's
 * temporary directory either.
 */
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
        assertTrue(Files.isDirectory(cache.resolve("fileinstall-conf")) && Files.isDirectory(cache.resolve("fileinstall-deploy")),
                "both FileInstall watchers work in the service's cache");

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

    @Test
    void aKilledServiceLeavesNothingInTheSystemTemporaryDirectory() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-leftovers-"));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.Set<Path> before = fileInstallDirs(tmp);
        Process service = tapsteer.start("run");
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "./tapsteer run did not open its shell socket");
        service.destroyForcibly();
        assertTrue(service.waitFor(20, TimeUnit.SECONDS), "the service did not die on SIGKILL");
        java.util.Set<Path> after = fileInstallDirs(tmp);
        after.removeAll(before);
        assertEquals(java.util.Set.of(), after, "a killed service left FileInstall directories in " + tmp);
        assertEquals(0, tapsteer.shell("tap:list").exit(), "the next run sweeps the killed service's cache");
    }

    private static java.util.Set<Path> fileInstallDirs(Path tmp) throws Exception {
        try (var all = Files.list(tmp)) {
            return all.filter(p -> p.getFileName().toString().startsWith("fileinstall")).collect(java.util.stream.Collectors.toSet());
        }
    }
}
