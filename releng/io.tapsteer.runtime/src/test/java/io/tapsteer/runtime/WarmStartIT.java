package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's first second at its default rate, as a user runs it: traffic starts only once every
 * poller of the lab tap is polling, on queue rings long enough to ride out the start, so a fresh
 * runtime drops nothing while it warms up.
 */
class WarmStartIT {
    /** Short demos in fresh runtimes, each its own cold start. */
    private static final int RUNS = 4;
    private static Tapsteer tapsteer;

    @BeforeAll
    static void home() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the demo makes a namespace and a tap: run the build as root (CAP_NET_ADMIN)");
        Tapsteer.assumeChosenJava();
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-warm-it-"));
    }

    @AfterAll
    static void clean() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void firstSecondAtTheDefaultRateDropsNothing() throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Tapsteer.Result r = tapsteer.run(120, "demo", "--seconds", "1", "--json");
            assertEquals(0, r.exit(), r.toString());
            Json j = Json.lastLine(r.out());
            long sent = j.number("sent");
            long dropped = j.number("dropped");
            runs.add("sent " + sent + " dropped " + dropped);
            assertTrue(sent > 10_000, "a 1-second demo at the default rate sent only " + sent + ": " + r);
            assertEquals(sent, j.number("received") + dropped, "received + dropped must equal sent: " + r);
            assertEquals(0, dropped, "run " + (i + 1) + " of " + RUNS + " dropped frames while warming up (runs so far " + runs + "): " + r);
        }
    }
}
