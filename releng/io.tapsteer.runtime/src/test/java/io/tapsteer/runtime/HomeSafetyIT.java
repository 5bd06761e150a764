package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The root runtime reads nothing that another user may change: a home it makes is owner-only
 * whatever the caller's umask, and a conf/ or deploy/ others can write is refused in one sentence.
 */
class HomeSafetyIT {
    private Tapsteer tapsteer;

    @BeforeEach
    void home() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the runtime makes taps: run the build as root (CAP_NET_ADMIN)");
        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-home-"));
    }

    @AfterEach
    void deleteHome() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void aHomeMadeUnderAnOpenUmaskIsOwnerOnly() throws Exception {
        Path home = tapsteer.home().resolve("fresh");
        Process p = new ProcessBuilder("sh", "-c", "umask 000; TAPSTEER_HOME=\"$1\" TAPSTEER_NO_BUILD=1 exec ./tapsteer shell -c 'tap:list'",
                "sh", home.toString()).directory(Tapsteer.ROOT.toFile()).redirectErrorStream(true).start();
        String out = Tapsteer.drain(p.getInputStream()).get(120, TimeUnit.SECONDS);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tap:list did not end");
        assertEquals(0, p.exitValue(), out);
        for (String d : new String[] {"", "conf", "deploy", "run", "cache"}) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(d))), "mode of " + home.resolve(d));
        }
        try (var confs = Files.list(home.resolve("conf"))) {
            for (Path f : confs.toList()) {
                assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)).matches(".{4}w.*|.{7}w.*"), "group/other may write " + f);
            }
        }
    }

    @Test
    void aConfFolderEveryoneMayWriteIsRefusedNamingThePath() throws Exception {
        Path conf = Files.createDirectories(tapsteer.home().resolve("conf"));
        Files.writeString(conf.resolve("io.tapsteer.queue-evil.cfg"), "device=evil0\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwxrwxrwx"));
        Tapsteer.Result r = tapsteer.run(120, "shell", "-c", "tap:list");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(conf + " is writable by every user (mode rwxrwxrwx)"), r.toString());
        assertTrue(r.err().contains("chmod go-w " + conf), r.toString());
        assertFalse(r.out().contains("evil0"), r.toString());
    }

    @Test
    void aJarInDeployThatItsGroupMayWriteIsRefused() throws Exception {
        Path deploy = Files.createDirectories(tapsteer.home().resolve("deploy"));
        Path jar = Files.write(deploy.resolve("strategy.jar"), new byte[] {0x50, 0x4b});
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-r--"));
        Tapsteer.Result r = tapsteer.run(120, "shell", "-c", "tap:list");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(jar + " is writable by its group"), r.toString());
    }
}
