package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * A bad value in a conf/ file is one line on the runtime's console naming the file, the property,
 * what was wrong and what is allowed; {@code steer:show} lists it; the previous good configuration
 * stays in force. A broken jar in deploy/ is one line too, and the runtime starts without it.
 */
class ConfRefusalsIT {
    private Tapsteer tapsteer;
    private Process service;
    private final StringBuffer console = new StringBuffer();

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
        start();
        awaitConsole("tapsteer: conf/io.tapsteer.queue-bad.cfg: queues 'abc' is not a whole number: allowed 1 to 256");
        assertFalse(console.toString().contains("NumberFormatException"), "a bare NumberFormatException reached the console:\n" + console);
    }

    @Test
    void anRssTableThatDoesNotFitADeviceStartingWithRssIsNamedUntilItFits() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-conf-"));
        Path conf = Files.createDirectories(tapsteer.home().resolve("conf"));
        Path rss = conf.resolve("io.tapsteer.rss.cfg");
        Files.writeString(rss, "table=equal 9\n");
        start();
        // the table is taken while no device steers with rss; then a 4-queue device starts with rss
        tapsteer.awaitOk("steer:list", out -> out.contains("table equal 9"));
        Files.writeString(conf.resolve("io.tapsteer.queue-fit.cfg"), "device=cfit0\nnamespace=private\nqueues=4\nstrategy=rss\n");
        String unfit = "conf/io.tapsteer.rss.cfg: table 'equal 9' does not fit cfit0, which steers with rss: the indirection table"
                + " 'equal 9' uses queues 0 to 8 but the device has 4 queue(s): set a table that fits (for example 'equal 4' or"
                + " 'default') first; its frames are counted fallbacks until the table fits";
        awaitConsole("tapsteer: " + unfit);
        String show = tapsteer.awaitOk("steer:show --device cfit0", out -> out.contains("refused: " + unfit + "\n"));
        assertFalse(show.contains("IllegalArgumentException"), "steer:show names an exception class:\n" + show);

        Files.writeString(rss, "table=equal 4\n");
        show = tapsteer.awaitOk("steer:show --device cfit0", out -> !out.contains("refused:"));
        assertTrue(show.startsWith("cfit0: strategy rss, lanes 4\n"), show);
    }

    @Test
    void everyRefusalIsNamedOnTheConsoleAndInSteerShowAndThePreviousConfigurationStays() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-conf-"));
        Path conf = Files.createDirectories(tapsteer.home().resolve("conf"));
        Path deploy = Files.createDirectories(tapsteer.home().resolve("deploy"));
        Path good = conf.resolve("io.tapsteer.queue-good.cfg");
        Files.writeString(good, "device=cgood0\nnamespace=private\nqueues=4\nstrategy=rss\n");
        Files.writeString(conf.resolve("io.tapsteer.queue-v13.cfg"), "device=cv13\nnamespace=private\nvnetHeader=13\n");
        Files.writeString(conf.resolve("io.tapsteer.queue-io.cfg"), "device=cio0\nnamespace=private\nbatchIo=maybe\n");
        Files.writeString(conf.resolve("io.tapsteer.queue-off.cfg"), "device=coff0\nnamespace=private\noffloads=1\n");
        Files.writeString(conf.resolve("io.tapsteer.queue-garbage.cfg"), "this is not a configuration\n");
        Files.writeString(conf.resolve("io.tapsteer.queue-xml.cfg"), "<html>\n<p>not a configuration\n</html>\n");
        Files.write(deploy.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 7});
        start();

        String v13 = "conf/io.tapsteer.queue-v13.cfg: vnetHeader '13' is not a vnet header size: allowed 0 (none), 10, 12, 20 or more";
        String io = "conf/io.tapsteer.queue-io.cfg: batchIo 'maybe' is not true or false: allowed true or false";
        String off = "conf/io.tapsteer.queue-off.cfg: offloads 1 need a vnet header: set vnetHeader to 10, 12, 20 or more";
        String garbage = "conf/io.tapsteer.queue-garbage.cfg: property 'this' is unknown: allowed batchIo, budget, device, frameBytes,"
                + " kernelSteering, lanes, namespace, offloads, poolFrames, queues, strategy, vnetHeader";
        for (String line : new String[] {v13, io, off, garbage}) {
            awaitConsole("tapsteer: " + line);
        }
        awaitConsole("tapsteer: conf/io.tapsteer.queue-xml.cfg: begins with '<'");
        String named = "tapsteer: conf/io.tapsteer.queue-xml.cfg: ";
        String xml = console.toString().lines().filter(l -> l.contains(named)).findFirst()
                .map(l -> l.substring(l.indexOf(named) + "tapsteer: ".length()))
                .orElseThrow(() -> new AssertionError("the console did not name conf/io.tapsteer.queue-xml.cfg:\n" + console));
        assertTrue(xml.matches("conf/io\\.tapsteer\\.queue-xml\\.cfg: begins with '<', so it is read as an XML properties file, and it"
                + " is not one( \\(line \\d+\\))?: nothing is taken from it; a \\.cfg file holds key = value lines"), xml);
        awaitConsole("tapsteer: deploy/broken.jar is not an OSGi bundle (");
        awaitConsole("): skipped; deploy/ takes bundle jars with a MANIFEST.MF naming Bundle-SymbolicName");
        assertFalse(console.toString().contains("vnetHeaderSize"), "the console names an internal property:\n" + console);

        String taps = awaitDevice("cgood0");
        assertFalse(taps.contains("tap0"), "a garbage .cfg became a default tap0:\n" + taps);
        String show = tapsteer.ok("steer:show --device cgood0");
        for (String line : new String[] {v13, io, off, garbage, xml}) {
            assertTrue(show.contains("refused: " + line + "\n"), "steer:show does not list '" + line + "':\n" + show);
        }

        // rss: a table the steered device cannot hold, then a value of the wrong type; rss stays as it was
        Path rss = conf.resolve("io.tapsteer.rss.cfg");
        Files.writeString(rss, "table=equal 9\n");
        String nine = "conf/io.tapsteer.rss.cfg: table 'equal 9' does not fit cgood0, which steers with rss: the indirection table 'equal 9'"
                + " uses queues 0 to 8 but the device has 4 queue(s): set a table that fits (for example 'equal 4' or 'default') first";
        awaitConsole("tapsteer: " + nine + "; the previous configuration stays (table default)");
        Files.writeString(rss, "table=equal 4\nunclassifiedQueue=abc\n");
        String abc = "conf/io.tapsteer.rss.cfg: unclassifiedQueue 'abc' is not a queue number: allowed 0 to 255";
        awaitConsole("tapsteer: " + abc + "; the previous configuration stays (table default)");
        String list = tapsteer.ok("steer:list");
        assertTrue(list.lines().anyMatch(l -> l.startsWith("rss ") && l.contains("cgood0")), "rss is no longer registered or used:\n" + list);
        show = tapsteer.ok("steer:show --device cgood0");
        assertTrue(show.contains("refused: " + abc + "; the previous configuration stays\n"), show);
        assertTrue(show.startsWith("cgood0: strategy rss, lanes 4\n"), show);

        // a bad change to a running device's file leaves the device as it was
        Files.writeString(good, "device=cgood0\nnamespace=private\nqueues=abc\nstrategy=rss\n");
        String queues = "conf/io.tapsteer.queue-good.cfg: queues 'abc' is not a whole number: allowed 1 to 256; cgood0 keeps its previous configuration";
        awaitConsole("tapsteer: " + queues);
        show = tapsteer.ok("steer:show --device cgood0");
        assertTrue(show.startsWith("cgood0: strategy rss, lanes 4\n") && show.contains("refused: " + queues + "\n"), show);

        // with no device left, steer:show says what was refused instead of asking for a file that is there
        Files.delete(good);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Tapsteer.Result r = tapsteer.shell("steer:show");
        while (r.exit() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = tapsteer.shell("steer:show");
        }
        assertEquals(1, r.exit(), r.toString());
        assertFalse(r.err().contains("into conf/"), r.toString());
        assertTrue(r.err().startsWith("tapsteer: steer:show: no device is being steered: refused ") && r.err().contains("refused " + v13),
                r.toString());
        assertFalse(r.err().contains(queues), "the deleted file's refusal is still listed:\n" + r);
        assertFalse(console.toString().contains("Exception"), "a stack trace reached the console:\n" + console);
    }

    private void start() throws Exception {
        service = tapsteer.start("run");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(service.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    console.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // the service ended
            }
        }, "conf-refusals-console");
        reader.setDaemon(true);
        reader.start();
        service.getInputStream().close();
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "./tapsteer run did not open its shell socket:\n" + console);
    }

    private void awaitConsole(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!console.toString().contains(expected) && service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(console.toString().contains(expected), "the console did not say '" + expected + "':\n" + console);
    }

    private String awaitDevice(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String taps = tapsteer.ok("tap:list");
        while (!taps.contains(name) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            taps = tapsteer.ok("tap:list");
        }
        assertTrue(taps.contains(name), name + " did not come up:\n" + taps + "\n" + console);
        return taps;
    }
}
