package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tapsteer bench --jdks HOME,HOME}: one harness run per JDK in one invocation (quick mode,
 * one pair: the figures mean nothing here), each run's table naming its JDK, and with --json a last
 * line holding both runs; a home that is not one is refused in words.
 */
class BenchJdksIT {
    private static Tapsteer tapsteer;
    private static Path java17;
    private static Path other;

    @BeforeAll
    static void home() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the bench opens a tap in a private namespace: run the build as root");
        java17 = Path.of(System.getProperty("tapsteer.it.java17", "/usr/lib/jvm/java-17-openjdk-amd64"));
        other = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.isExecutable(java17.resolve("bin/java")), "no Java 17 at " + java17);
        assumeTrue(Runtime.version().feature() != 17, "the build's own JDK is Java 17: there is no second JDK to compare");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-bench-jdks-"));
    }

    @AfterAll
    static void deleteHome() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void oneInvocationMeasuresOnEachJdk() throws Exception {
        Tapsteer.Result r = tapsteer.run(300, "bench", "--quick", "--json", "--only", "^toeplitz-12$", "--jdks", java17 + "," + other);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Java 17."), "the first table names Java 17: " + r.out());
        assertTrue(r.out().contains("Java " + Runtime.version().feature() + "."), "the second names the build's JDK: " + r.out());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonArray runs = JsonParser.parseString(last).getAsJsonObject().getAsJsonArray("runs");
        assertEquals(2, runs.size(), last);
        String[] expected = {"17.", Runtime.version().feature() + "."};
        for (int i = 0; i < 2; i++) {
            JsonObject pair = runs.get(i).getAsJsonObject().getAsJsonArray("pairs").get(0).getAsJsonObject();
            assertEquals("toeplitz-12", pair.get("name").getAsString(), last);
            assertTrue(pair.get("jdk").getAsString().startsWith(expected[i]), "run " + i + " ran on Java " + pair.get("jdk") + ": " + last);
        }
    }

    @Test
    void aHomeThatIsNotOneIsRefusedInWords() throws Exception {
        Tapsteer.Result r = tapsteer.run(60, "bench", "--jdks", "/nonexistent");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--jdks: '/nonexistent' is not a Java home (it has no bin/java): give homes such as "
                + "/usr/lib/jvm/java-17-openjdk-amd64, comma-separated"), r.err());
    }
}
