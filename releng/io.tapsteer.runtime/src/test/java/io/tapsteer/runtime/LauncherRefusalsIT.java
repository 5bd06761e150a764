package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code ./tapsteer} says, before any runtime starts, to a call it cannot run. */
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
    void anEmptyShellScriptIsRefused() throws Exception {
        for (String script : new String[] {"", "  "}) {
            Tapsteer.Result r = tapsteer.run(60, "shell", "-c", script);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("shell -c needs commands"), r.toString());
        }
    }

    @Test
    void withoutSysAdminTheMessageNamesJustThatCapability() throws Exception {
        Process p = new ProcessBuilder("setpriv", "--inh-caps=-sys_admin", "--bounding-set=-sys_admin",
                Tapsteer.ROOT.resolve("tapsteer").toString(), "demo", "--seconds", "1")
                .directory(Tapsteer.ROOT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = Tapsteer.drain(p.getInputStream()).get(60, TimeUnit.SECONDS);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "demo did not end");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("lacks CAP_SYS_ADMIN:"), out);
        assertFalse(out.contains("CAP_NET_ADMIN and CAP_SYS_ADMIN:"), out);
    }
}
