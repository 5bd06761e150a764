package io.tapsteer.bench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.bench.Bench;
import io.tapsteer.bench.BenchJvm;
import io.tapsteer.bench.BenchOptions;
import io.tapsteer.bench.BenchReport;
import io.tapsteer.bench.PairResult;
import io.tapsteer.bench.internal.ToeplitzBench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own logic: arguments, medians and ratios, the JSON line, the reference hash. */
class HarnessPartsTest {

    @Test
    void unknownArgumentIsRefusedNamingWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast"));
        assertEquals("unknown argument '--fast': allowed are --quick, --json, --rounds N and --only REGEX", e.getMessage());
    }

    @Test
    void roundsOutOfRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rounds", "0"));
        assertEquals("--rounds '0' must be a number from 1 to 100", e.getMessage());
    }

    @Test
    void badArgumentsExitWithTwoAndPrintNoTable() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit = Bench.run(new String[] {"--rounds"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertEquals("", o.toString(StandardCharsets.UTF_8));
        assertEquals("tapsteer bench: --rounds needs a number from 1 to 100", e.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void medianAndRatioComeFromTheSamples() {
        PairResult p = new PairResult("rx-read", "Mpps", true);
        p.addTapsteer(0.9);
        p.addTapsteer(0.7);
        p.addTapsteer(0.8);
        p.addC(1.0);
        p.addC(0.6);
        assertEquals(0.8, p.tapsteer(), 1e-12);
        assertEquals(0.8, p.c(), 1e-12);
        // rounds 1 and 2 are paired (0.9 and 0.7/0.6); round 3 has no baseline figure
        assertEquals((0.9 + 0.7 / 0.6) / 2, p.ratio(), 1e-12);
    }

    @Test
    void ratioComparesTheSidesWithinEachRound() {
        // rounds 1 and 2 ran alike on both sides (full speed, then half speed); in round 3 tapsteer
        // ran in a slow phase of the machine and C in a fast one
        PairResult p = new PairResult("toeplitz-12", "Mhash/s", true);
        double[] tapsteer = {180, 90, 90};
        double[] c = {200, 100, 200};
        for (int i = 0; i < 3; i++) {
            p.addTapsteer(tapsteer[i]);
            p.addC(c[i]);
        }
        assertEquals(0.9, p.ratio(), 1e-12);
        assertEquals(0.45, p.tapsteer() / p.c(), 1e-12); // what the ratio of the medians would say
    }

    @Test
    void jsonLineCarriesNullsAndTheReasonForAMissingSide() {
        BenchReport r = new BenchReport("test");
        PairResult p = new PairResult("swap-latency", "us", false);
        p.reason("needs \"x\"");
        r.add(p);
        JsonObject m = Json.pairs(r.json()).get(0);
        assertEquals("swap-latency", m.get("name").getAsString());
        assertEquals("us", m.get("unit").getAsString());
        assertTrue(m.get("tapsteer").isJsonNull(), m.toString());
        assertTrue(m.get("ratio").isJsonNull(), m.toString());
        assertFalse(m.get("higher_is_better").getAsBoolean());
        assertEquals(0, m.get("rounds").getAsInt());
        assertEquals("needs \"x\"", m.get("reason").getAsString());
    }

    @Test
    void jsonLineCarriesEachFigureToSixSignificantDigits() {
        BenchReport r = new BenchReport("test");
        PairResult p = new PairResult("rx-read", "Mpps", true);
        p.addTapsteer(0.123456789);
        p.addC(0.25);
        r.add(p);
        JsonObject m = Json.pairs(r.json()).get(0);
        assertEquals(0.123457, m.get("tapsteer").getAsDouble(), 0);
        assertEquals(0.25, m.get("c").getAsDouble(), 0);
        assertEquals(0.493827, m.get("ratio").getAsDouble(), 0);
        assertTrue(m.get("reason").isJsonNull(), m.toString());
    }

    @Test
    void referenceToeplitzMatchesTheMicrosoftVector() {
        // 66.9.149.187:2794 -> 161.142.100.80:1766 with the default key hashes to 0x51ccc178
        byte[] t = {66, 9, (byte) 149, (byte) 187, (byte) 161, (byte) 142, 100, 80, 0x0a, (byte) 0xea, 0x06, (byte) 0xe6};
        assertEquals(0x51ccc178, ToeplitzBench.reference(RssConfig.DEFAULT_KEY, t, 0, t.length));
    }

    /**
     * {@code ./tapsteer bench} keeps the timed Toeplitz passes from being inlined by naming them on
     * the bench JVM's command line ({@link BenchJvm#options()}); a renamed pass would silently lose
     * that (the JVM ignores a command for a method that does not exist), so the names must be the
     * passes the class has.
     */
    @Test
    void theBenchJvmIsolatesTheToeplitzPassesTheHarnessHas() throws Exception {
        List<String> named = new ArrayList<>();
        for (String option : BenchJvm.options()) {
            if (option.startsWith("-XX:CompileCommand=dontinline,")) {
                named.add(option.substring("-XX:CompileCommand=dontinline,".length()));
            }
        }
        assertEquals(List.of(ToeplitzBench.class.getName() + "::pass12", ToeplitzBench.class.getName() + "::pass36"), named,
                "the passes the bench's JVM keeps from inlining");
        for (String m : named) {
            Method method = ToeplitzBench.class.getDeclaredMethod(m.substring(m.indexOf("::") + 2), ToeplitzBench.Hasher.class, byte[].class);
            assertTrue(Modifier.isStatic(method.getModifiers()), m + " is the static pass the harness times");
        }
    }
}
