package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The desktop application (the RCP product, started by {@code ./tapsteer gui}) reads the lab hosts
 * of its home's {@code conf/} as the headless runtime does.
 */
class GuiLabHostsIT {
    private Tapsteer tapsteer;

    @AfterEach
    void deleteHome() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void theDesktopReadsTheLabHostsOfItsHome() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the desktop's demo lab makes taps: run the build as root (CAP_NET_ADMIN)");
        assumeTrue(Tapsteer.chosenJava().isEmpty(), "the desktop needs Java " + GuiCommand.MIN_JAVA + ": it runs on the build's JDK only");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-gui-hosts-"));
        Path conf = Files.createDirectories(tapsteer.home().resolve("conf"));
        Path keys = Files.createDirectories(tapsteer.home().resolve("keys"));
        Files.writeString(keys.resolve("id"), "");
        Files.writeString(keys.resolve("known_hosts"), "");
        // a lab host on a closed loopback port: read and tried, never reached
        Files.writeString(conf.resolve("io.tapsteer.remote-far.cfg"), "uri = tapsteer+ssh://root@127.0.0.1:1\nidentity = "
                + keys.resolve("id") + "\nknownHosts = " + keys.resolve("known_hosts") + "\n");
        Path shot = tapsteer.home().resolve("gui.png");

        Tapsteer.Result r = tapsteer.run(200, "gui", "--screenshot", shot.toString());
        String said = r.out() + r.err();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.size(shot) > 0, "no screenshot");
        assertTrue(said.contains("tapsteer: lab host far from conf/io.tapsteer.remote-far.cfg"), r.toString());
    }
}
