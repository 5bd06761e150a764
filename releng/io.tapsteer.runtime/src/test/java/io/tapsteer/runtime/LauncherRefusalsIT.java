package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code ./tapsteer} says, before any runtime starts, to a call it cannot run, and its help. */
class LauncherRefusalsIT {
    private static Tapsteer tapsteer;

    @BeforeAll
    static void home() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the launcher checks capabilities: run the build as root");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-launcher-"));
    }

    @AfterAll
    static void deleteHome() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void probeReportsWhatTheKernelOffers() throws Exception {
        Tapsteer.Result r = tapsteer.run(60, "probe");
        assertEquals(0, r.exit(), "taps can be made here: " + r);
        assertTrue(r.out().startsWith("kernel            " + Tapsteer.sh("uname", "-r").strip() + "\n"), r.toString());
        assertTrue(r.out().contains("\ntun               available: tap creation works\n"), r.toString());
        assertTrue(r.out().contains("\nsteering eBPF     "), r.toString());
    }

    @Test
    void helpListsEveryCommandWithItsOptions() throws Exception {
        for (String help : new String[] {"help", "--help", "-h"}) {
            Tapsteer.Result r = tapsteer.run(60, help);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().startsWith("tapsteer: steer traffic across Linux multiqueue TAP queues\n"), r.toString());
            for (String line : new String[] {"./tapsteer [--java PATH] COMMAND ...", "./tapsteer probe", "./tapsteer test",
                    "./tapsteer gui [--demo] [--screenshot FILE]", "./tapsteer demo [--queues N] [--flows N] [--seconds S] [--rate PPS]",
                    "[--strategy NAME] [--kernel-steering auto|ebpf|automq] [--json] [--vm]", "./tapsteer shell ", "./tapsteer shell -c \"CMD; CMD\"",
                    "./tapsteer run ", "./tapsteer bench [--quick] [--json] [--rounds N] [--only REGEX]", "./tapsteer bench jmh [JMH options]"}) {
                assertTrue(r.out().contains(line), "the help shows '" + line + "': " + r);
            }
            assertEquals("", r.err(), r.toString());
        }
    }

    @Test
    void noCommandShowsTheHelp() throws Exception {
        Tapsteer.Result r = tapsteer.run(60);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("./tapsteer shell -c \"CMD; CMD\""), r.toString());
    }

    @Test
    void anUnknownCommandIsRefusedNamingTheAllowedOnes() throws Exception {
        refused(2, "tapsteer: unknown command 'sehll': allowed are probe, test, gui, demo, shell, run, bench, help"
                + " (./tapsteer help says what each does)", "sehll");
    }

    @Test
    void unknownOptionsAreRefusedNamingTheAllowedOnes() throws Exception {
        refused(2, "tapsteer: unknown shell option '--bogus': use ./tapsteer shell, or ./tapsteer shell -c \"CMD; CMD\"", "shell", "--bogus");
        refused(2, "tapsteer: gui: unknown option '--full': allowed are --demo and --screenshot FILE", "gui", "--full");
        refused(2, "tapsteer: --screenshot needs a file name, e.g. --screenshot docs/gui.png", "gui", "--screenshot");
        refused(2, "tapsteer: --screenshot nowhere/x.png: folder nowhere does not exist", "gui", "--screenshot", "nowhere/x.png");
        refused(2, "tapsteer: run takes no options, got '--port': use ./tapsteer run (TAPSTEER_HOME moves runtime/)", "run", "--port");
        refused(2, "tapsteer bench: unknown argument '--fast': allowed are --quick, --json, --rounds N and --only REGEX", "bench", "--fast");
        refused(2, "tapsteer: --java needs the path of a java command or a Java home, e.g. --java /usr/lib/jvm/java-17-openjdk-amd64",
                "--java");
        refused(2, "tapsteer: TAPSTEER_JAVA/--java '/nonexistent/jdk' is not a java command or a Java home (it needs bin/java)",
                "--java", "/nonexistent/jdk", "help");
    }

    @Test
    void theDesktopApplicationOnJava17IsRefusedNamingTheJavaItNeeds() throws Exception {
        Path java17 = Path.of(System.getProperty("tapsteer.it.java17", "/usr/lib/jvm/java-17-openjdk-amd64"));
        assumeTrue(Files.isExecutable(java17.resolve("bin/java")), "no Java 17 at " + java17);
        Tapsteer.Result r = tapsteer.run(60, "--java", java17.toString(), "gui", "--screenshot", tapsteer.home().resolve("x.png").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(" is Java 17; this command needs Java 21 or newer: choose one with --java PATH or TAPSTEER_JAVA"), r.toString());
    }

    @Test
    void anEmptyShellScriptIsRefused() throws Exception {
        for (String script : new String[] {"", "  "}) {
            Tapsteer.Result r = tapsteer.run(60, "shell", "-c", script);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("shell -c needs commands"), r.toString());
        }
    }

    @Test
    void withoutSysAdminTheMessageNamesJustThatCapability() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--inh-caps=-sys_admin", "--bounding-set=-sys_admin",
                Tapsteer.ROOT.resolve("tapsteer").toString(), "demo", "--seconds", "1")
                .directory(Tapsteer.ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("TAPSTEER_HOME", tapsteer.home().toString());
        pb.environment().put("TAPSTEER_NO_BUILD", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = Tapsteer.drain(p.getInputStream()).get(60, TimeUnit.SECONDS);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "demo did not end");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("lacks CAP_SYS_ADMIN:"), out);
        assertFalse(out.contains("CAP_NET_ADMIN and CAP_SYS_ADMIN:"), out);
    }

    /** {@code ./tapsteer args} ends with {@code status} and says {@code message} as the last line of stderr. */
    private static void refused(int status, String message, String... args) throws Exception {
        Tapsteer.Result r = tapsteer.run(60, args);
        assertEquals(status, r.exit(), r.toString());
        String[] lines = r.err().strip().split("\n");
        assertEquals(message, lines[lines.length - 1], r.toString());
        assertEquals("", r.out(), r.toString());
    }
}
