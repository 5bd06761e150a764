package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code shell -c} given while the service is starting or stopping waits for it instead of running
 * in a second runtime of its own beside it: the commands run in the service once it answers, or in a
 * runtime of their own once the service has ended.
 */
class ServiceStartStopIT {
    private static final String WAITING = "tapsteer: the service is starting or stopping; waiting for it";
    private Tapsteer tapsteer;
    private Process service;

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null && service.isAlive()) {
            Tapsteer.sh("kill", "-CONT", Long.toString(service.pid()));
            service.toHandle().destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void aShellDuringTheServicesStartRunsInTheService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-start-"));
        service = tapsteer.start("run");
        Tapsteer.drain(service.getInputStream());
        CompletableFuture<String> log = Tapsteer.drain(service.getErrorStream());
        Path lock = tapsteer.home().resolve("run/service.lock");
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(lock) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(lock), "./tapsteer run made no " + lock + ": " + log.getNow(""));
        Thread.sleep(200); // from the file to the lock on it; the framework takes seconds more
        Tapsteer.sh("kill", "-STOP", Long.toString(service.pid())); // held in the middle of its start
        assertFalse(Tapsteer.answers(socket), "the service answered before it could be held in its start");

        Process client = tapsteer.start("shell", "-c", "tap:create --queues 2 early0");
        CompletableFuture<String> out = Tapsteer.drain(client.getInputStream());
        CompletableFuture<String> err = Tapsteer.drain(client.getErrorStream());
        Thread.sleep(4000);
        assertTrue(client.isAlive(), "the shell did not wait for the starting service: " + out.getNow("") + err.getNow(""));
        Tapsteer.sh("kill", "-CONT", Long.toString(service.pid()));
        assertTrue(client.waitFor(120, TimeUnit.SECONDS), "the shell did not end once the service was up");
        String said = out.get(10, TimeUnit.SECONDS) + err.get(10, TimeUnit.SECONDS);
        assertEquals(0, client.exitValue(), said);
        assertTrue(said.contains(WAITING), said);

        String list = tapsteer.ok("tap:list");
        assertTrue(list.contains("early0"), "the tap was made in a runtime of its own, not in the service: " + list);
        tapsteer.ok("tap:close early0");
    }

    @Test
    void aShellWhileTheServiceStopsRunsOnceItHasEnded() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-stop-"));
        tapsteer.ok("tap:list"); // makes the home
        Path lock = tapsteer.home().resolve("run/service.lock");
        Process client;
        CompletableFuture<String> out;
        CompletableFuture<String> err;
        // this JVM stands for a service whose socket is gone but whose process has not ended yet
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            client = tapsteer.start("shell", "-c", "tap:list");
            out = Tapsteer.drain(client.getInputStream());
            err = Tapsteer.drain(client.getErrorStream());
            Thread.sleep(4000);
            assertTrue(client.isAlive(), "the shell did not wait for the stopping service: " + out.getNow("") + err.getNow(""));
        }
        assertTrue(client.waitFor(120, TimeUnit.SECONDS), "the shell did not run once the service had ended");
        String said = out.get(10, TimeUnit.SECONDS) + err.get(10, TimeUnit.SECONDS);
        assertEquals(0, client.exitValue(), said);
        assertTrue(said.contains(WAITING), said);
    }
}
