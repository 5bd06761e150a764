package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A bad value in a conf/ file is one line on the runtime's console naming the file, the property and what is allowed. */
class ConfRefusalsIT {
    private Tapsteer tapsteer;
    private Process service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroy();
            assertTrue(service.waitFor(30, TimeUnit.SECONDS), "./tapsteer run did not stop on SIGTERM");
        }
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void aQueueCountThatIsNotANumberIsNamedWithItsFile() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-conf-"));
        Path conf = Files.createDirectories(tapsteer.home().resolve("conf"));
        Files.writeString(conf.resolve("io.tapsteer.queue-bad.cfg"), "device=bad0\nnamespace=private\nqueues=abc\n");
        service = tapsteer.start("run");
        StringBuffer console = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(service.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    console.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // the service ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        service.getInputStream().close();
        String expected = "tapsteer: conf/io.tapsteer.queue-bad.cfg: queues 'abc' is not a whole number: allowed 1 to 256";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!console.toString().contains(expected) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(console.toString().contains(expected), "the console did not name the bad value:\n" + console);
        assertTrue(!console.toString().contains("NumberFormatException"), "a bare NumberFormatException reached the console:\n" + console);
    }
}
