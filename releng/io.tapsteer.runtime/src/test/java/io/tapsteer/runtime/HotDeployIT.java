package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A third-party strategy bundle dropped into deploy/ of a running runtime while lab traffic runs:
 * it shows up, takes over with no frame lost, and when its jar is removed the device falls back to
 * automq, again with no frame lost.
 */
class HotDeployIT {
    private Tapsteer tapsteer;
    private Tapsteer.Service service;

    @BeforeEach
    void startService() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "lab traffic needs a namespace and a tap: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-deploy-it-"));
        service = tapsteer.startService();
    }

    @AfterEach
    void stopService() throws Exception {
        if (service != null) {
            service.stop();
            tapsteer.deleteHome();
        }
    }

    @Test
    void aDroppedStrategyTakesOverAndItsRemovalFallsBackToAutomqWithoutLosingAFrame() throws Exception {
        Path jar = exampleJar();
        String started = tapsteer.ok("lab:start --queues 4 --flows 256 --seconds 120 --rate 2000");
        assertTrue(started.startsWith("lab traffic on lab0"), started);

        Path deployed = tapsteer.home().resolve("deploy").resolve(jar.getFileName());
        Files.copy(jar, deployed);
        String list = tapsteer.awaitOk("steer:list", out -> out.contains("port-range"));
        assertTrue(list.contains("io.tapsteer.example.steering"), list);

        String use = tapsteer.ok("steer:use port-range");
        assertTrue(use.contains("strategy port-range"), use);
        Thread.sleep(1000);

        Files.delete(deployed);
        String show = tapsteer.awaitOk("steer:show", out -> out.contains("strategy automq"));
        assertTrue(show.contains("'port-range' went away"), show);
        assertTrue(!tapsteer.ok("steer:list").contains("port-range"), "the strategy is still listed after its jar went");

        Json j = Json.lastLine(tapsteer.ok("lab:stop --json lab0"));
        assertTrue(j.number("sent") > 0, j.toString());
        assertEquals(j.number("sent"), j.number("received"), "frames lost across the two swaps");
        assertEquals(0, j.number("dropped"));
        assertEquals("automq", j.string("strategy"));
    }


    private static Path exampleJar() throws Exception {
        Path target = Tapsteer.ROOT.resolve("examples/io.tapsteer.example.steering/target");
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().matches("io\\.tapsteer\\.example\\.steering-.*\\.jar")).toList();
            assertEquals(1, jars.size(), "build examples/io.tapsteer.example.steering first (it is in the reactor before this module): " + jars);
            return jars.get(0);
        }
    }
}
