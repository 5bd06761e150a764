package io.tapsteer.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user does with the update site: takes a current Eclipse IDE platform, installs tapsteer's
 * features with that platform's own p2 director, starts it, opens the views, creates a lab device
 * from the Lab view and watches live frames in Queue traffic and Tap topology. The IDE is installed
 * and started once for the class; the driver fragment installed beside the features does the view
 * work inside it and leaves a report and the window's screenshot (target/ide/report/ide.png).
 */
class IdeInstallIT {
    static final Path ROOT = Path.of(System.getProperty("tapsteer.root", "../..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("tapsteer.ide.work", "target/ide")).toAbsolutePath();
    static final Path PLATFORM = ROOT.resolve("releng/io.tapsteer.ide.platform/target/products/io.tapsteer.ide.platform/linux/gtk/x86_64");
    static final Path SITE = ROOT.resolve("releng/io.tapsteer.site/target/repository");
    static final Path DRIVER = ROOT.resolve("releng/io.tapsteer.ide.platform/target/repository");
    static final Path ECLIPSE = WORK.resolve("eclipse");
    static final Path REPORT = WORK.resolve("report");
    static final String[] CORE = { "io.tapsteer.api", "io.tapsteer.tap", "io.tapsteer.lab", "io.tapsteer.ebpf", "io.tapsteer.rss",
            "io.tapsteer.queue", "io.tapsteer.stats", "io.tapsteer.shell", "io.tapsteer.remote", "org.apache.felix.configadmin" };
    /** Longest the director may take; it took a few seconds here. */
    static final long INSTALL_SECONDS = 180;
    /** Longest the IDE may run: start-up, the driver's bounded steps (about 110 s at most) and shutdown. */
    static final long RUN_SECONDS = 240;

    static String director;
    static String ide;
    static int ideExit;
    static Properties report = new Properties();

    @BeforeAll
    static void installAndRun() throws Exception {
        assumeTrue(netAdmin(), "the Lab view makes taps in private namespaces: run the build as root (CAP_NET_ADMIN)");
        assumeTrue(System.getenv("DISPLAY") != null, "the IDE needs an X display: run the build under xvfb-run");
        assertTrue(Files.isDirectory(PLATFORM), "the IDE platform is built first (releng/io.tapsteer.ide.platform): " + PLATFORM);
        assertTrue(Files.isDirectory(SITE), "the update site is built first (releng/io.tapsteer.site): " + SITE);
        Path java = Jdk.atLeast(21);
        delete(WORK);
        Files.createDirectories(WORK);
        copy(PLATFORM, ECLIPSE);
        Path launcher;
        try (Stream<Path> s = Files.list(ECLIPSE.resolve("plugins"))) {
            launcher = s.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no equinox launcher in " + ECLIPSE));
        }
        director = run(WORK.resolve("director.log"), INSTALL_SECONDS, java.toString(), "-jar", launcher.toString(), "-nosplash",
                "-application", "org.eclipse.equinox.p2.director",
                "-repository", SITE.toUri() + "," + DRIVER.toUri(),
                "-installIU", "io.tapsteer.ui.feature.feature.group,io.tapsteer.ide.driver,io.tapsteer.ide.starter",
                "-destination", ECLIPSE.toString(), "-profile", "DefaultProfile");
        assertTrue(director.contains("Operation completed"), "the director installed the features:\n" + director);
        ide = run(WORK.resolve("ide.log"), RUN_SECONDS, java.toString(), "-Dtapsteer.ide.report=" + REPORT, "-Xmx1g",
                "-jar", launcher.toString(), "-nosplash", "-data", WORK.resolve("workspace").toString());
        Path file = REPORT.resolve("report.properties");
        assertTrue(Files.exists(file), "the driver wrote its report (exit " + ideExit + "):\n" + tail(ide));
        report.load(new StringReader(Files.readString(file)));
    }

    @Test
    void installsStartedCoreBundlesAndOneConfigAdmin() throws IOException {
        List<String> bundles = Files.readAllLines(ECLIPSE.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"));
        for (String name : CORE) {
            List<String> lines = bundles.stream().filter(l -> l.startsWith(name + ",")).toList();
            assertEquals(1, lines.size(), name + " installed once: " + lines);
            assertTrue(lines.get(0).endsWith(",true"), "p2 marked " + name + " started: " + lines.get(0));
        }
        assertTrue(bundles.stream().noneMatch(l -> l.startsWith("io.tapsteer.ui.rcp,")), "the standalone application stays out of the IDE");
        assertEquals(1, bundles.stream().filter(l -> l.startsWith("org.apache.felix.configadmin,") || l.startsWith("org.eclipse.equinox.cm,"))
                .count(), "one ConfigAdmin implementation");
        String states = report.getProperty("bundles", "");
        for (String name : CORE) {
            assertTrue(states.contains(name + ":ACTIVE"), name + " is active in the IDE: " + states);
        }
        assertTrue(states.contains("org.apache.felix.scr:ACTIVE"), "the IDE runs SCR: " + states);
    }

    @Test
    void theIdeLogHasNoErrorOfTapsteerBundles() throws IOException {
        Path log = WORK.resolve("workspace/.metadata/.log");
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        List<String> ours = Stream.of(text.split("\n(?=!ENTRY )"))
                .filter(e -> e.startsWith("!ENTRY io.tapsteer.") || e.contains("org/apache/felix/service/command")).toList();
        assertEquals(List.of(), ours, "the IDE (no Gogo) logged errors of tapsteer's bundles");
    }

    @Test
    void labDeviceAndLiveFramesInTheViews() throws IOException {
        assertEquals("ok", report.getProperty("result"), "the driver's steps: " + report + "\n" + tail(ide));
        assertTrue(report.getProperty("lab.device", "").matches("idelab\\d+"), "the Lab view made its device: " + report);
        assertEquals("true", report.getProperty("live.traffic"), "Queue traffic shows a rate: " + report);
        assertEquals("true", report.getProperty("live.topology"), "Tap topology shows frames on the queues: " + report);
        assertTrue(Long.parseLong(report.getProperty("traffic.pps", "0")) > 0, "frames per second above zero: " + report);
        assertEquals(report.getProperty("lab.device"), report.getProperty("queue.device"),
                "the Lab view's Create runs a queue manager on its device: " + report);
        assertEquals("true", report.getProperty("lab.managed"), "the Lab view configured that queue manager: " + report);
        assertEquals(report.getProperty("queue.device"), report.getProperty("traffic.device"), "Queue traffic shows the fed device");
        assertTrue(Long.parseLong(report.getProperty("topology.lab.rx", "0")) > 0,
                "Tap topology counts frames on the Lab view's device: " + report);
        assertTrue(report.getProperty("capture.status", "").startsWith("captured 2000 frames of " + report.getProperty("lab.device") + " into "),
                "Queue traffic's Capture wrote the device's frames: " + report.getProperty("capture.status"));
        assertEquals("2000", report.getProperty("whatif.frames"), "the What-if view read that capture: " + report.getProperty("whatif.status"));
        assertTrue(report.getProperty("whatif.candidates", "").matches("rss\\[equal 2\\]=\\[\\d+, \\d+, 0, 0\\]"),
                "RSS on two of four queues, predicted from the capture: " + report.getProperty("whatif.candidates"));
        assertEquals("[]", report.getProperty("devices.left"), "every tap the run made is closed again");
        Path png = REPORT.resolve("ide.png");
        assertTrue(Files.exists(png) && Files.size(png) > 1000, "the window's screenshot: " + png);
        assertEquals(0, ideExit, "the IDE closed normally:\n" + tail(ide));
    }

    /** Runs a command to its end, at most {@code seconds}; returns its output (also kept in {@code log}). */
    private static String run(Path log, long seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, log.getFileName() + ": the command did not end within " + seconds + " s:\n" + tail(out));
        ideExit = p.exitValue();
        return out;
    }

    private static String tail(String s) {
        return s == null ? "" : s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static boolean netAdmin() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >> 12 & 1) == 1;
            }
        }
        return false;
    }

    /** Finds the java command of a JDK new enough for the current Eclipse release. */
    static final class Jdk {
        private Jdk() {
        }

        /** @return java of JAVA_HOME when it is at least {@code major}, else of the newest such JDK in /usr/lib/jvm */
        static Path atLeast(int major) throws IOException {
            List<Path> homes = new ArrayList<>();
            String env = System.getenv("JAVA_HOME");
            if (env != null) {
                homes.add(Path.of(env));
            }
            homes.add(Path.of(System.getProperty("java.home")));
            Path jvms = Path.of("/usr/lib/jvm");
            if (Files.isDirectory(jvms)) {
                try (Stream<Path> s = Files.list(jvms)) {
                    s.sorted(Comparator.comparingInt(Jdk::major).reversed()).forEach(homes::add);
                }
            }
            for (Path h : homes) {
                if (major(h) >= major && Files.isExecutable(h.resolve("bin/java"))) {
                    return h.resolve("bin/java");
                }
            }
            throw new AssertionError("the current Eclipse release needs Java " + major + " or newer: install a JDK " + major
                    + "+ (e.g. Temurin 25) under /usr/lib/jvm or point JAVA_HOME at one");
        }

        private static int major(Path home) {
            try {
                for (String line : Files.readAllLines(home.resolve("release"))) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        String v = line.substring(13).replace("\"", "");
                        return Integer.parseInt(v.split("[.+-]")[0]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not a JDK with a release file
            }
            return 0;
        }
    }
}
