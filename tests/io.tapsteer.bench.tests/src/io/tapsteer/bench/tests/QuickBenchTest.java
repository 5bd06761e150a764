package io.tapsteer.bench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.tapsteer.bench.Bench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's self-check: {@code bench --quick --json} on a real tap in a private namespace, with
 * the C baselines compiled by gcc. Checks only that every pair produced its figures and that the
 * JSON line has the agreed keys; it never looks at how fast anything was.
 */
class QuickBenchTest {
    /** Pairs with a C (or automq) side: that side must always produce a figure. */
    private static final List<String> WITH_BASELINE = List.of("rx-read", "rx-read-uring", "tx-write", "rx-ebpf-rss-vs-automq",
            "toeplitz-12", "toeplitz-36", "rx-queues-1", "rx-queues-2", "rx-queues-4", "rx-read-generator", "rx-read-binding",
            "tx-write-binding", "tx-write-single", "tx-write-wall", "rx-read-capture", "decision-ipv4-tcp", "decision-ipv6-udp");
    /** Pairs measured by tapsteer alone. */
    private static final List<String> TAPSTEER_ONLY = List.of("swap-latency", "alloc-rx", "alloc-rx-rss", "alloc-tx", "whatif-1m-4");

    private static int exit;
    private static String out;
    private static String err;
    private static final Map<String, JsonObject> PAIRS = new HashMap<>();

    @BeforeAll
    static void runQuickBench() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            exit = Bench.run(new String[] {"--quick", "--json"}, po, pe);
        }
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        if (exit == 0) {
            String[] lines = out.strip().split("\n");
            for (JsonObject p : Json.pairs(lines[lines.length - 1])) {
                PAIRS.put(p.get("name").getAsString(), p);
            }
        }
    }

    @Test
    void runCompletesAndEndsWithTheJsonLine() {
        assertEquals(0, exit, "bench exit code; stderr:\n" + err);
        String[] lines = out.strip().split("\n");
        assertFalse(Json.pairs(lines[lines.length - 1]).isEmpty(), "last line: " + lines[lines.length - 1]);
        assertTrue(out.contains("tapsteer median (min-max)"), "the table comes first:\n" + out);
    }

    @Test
    void everyPairHasTheAgreedKeys() {
        assertEquals(0, exit, err);
        for (String name : concat()) {
            JsonObject p = PAIRS.get(name);
            assertNotNull(p, "pair " + name + " missing from " + PAIRS.keySet());
            for (String key : List.of("name", "unit", "tapsteer", "c", "ratio")) {
                assertTrue(p.has(key), name + " lacks key " + key + ": " + p);
            }
        }
    }

    @Test
    void everyBaselineProducedAFigure() {
        assertEquals(0, exit, err);
        for (String name : WITH_BASELINE) {
            JsonObject p = PAIRS.get(name);
            assertTrue(Json.isNumber(p, "c"), name + " has no baseline figure: " + p);
        }
    }

    @Test
    void everyTapsteerSideProducedAFigure() {
        assertEquals(0, exit, err);
        for (String name : concat()) {
            JsonObject p = PAIRS.get(name);
            assertTrue(Json.isNumber(p, "tapsteer"), name + " has no tapsteer figure: " + p);
        }
    }

    @Test
    void everyPairWithABaselineHasItsRatio() {
        assertEquals(0, exit, err);
        for (String name : WITH_BASELINE) {
            JsonObject p = PAIRS.get(name);
            assertTrue(Json.isNumber(p, "ratio"), name + " lacks its ratio: " + p);
        }
    }

    @Test
    void everyHashPairHasItsGfniFigureOrTheReasonWhyNot() {
        assertEquals(0, exit, err);
        for (String name : List.of("toeplitz-12", "toeplitz-36", "decision-ipv4-tcp", "decision-ipv6-udp")) {
            JsonObject p = PAIRS.get(name);
            assertTrue(Json.isNumber(p, "gfni") != Json.isString(p, "gfni_reason"), name + ": a gfni figure or a reason: " + p);
            assertTrue(Json.isString(p, "jdk") && !p.get("jdk").getAsString().isEmpty(), name + " names its JDK: " + p);
        }
    }

    private static List<String> concat() {
        List<String> all = new java.util.ArrayList<>(WITH_BASELINE);
        all.addAll(TAPSTEER_ONLY);
        return all;
    }
}
