package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lab hosts in the assembled product: {@code host:add} writes a host through ConfigAdmin, its
 * tunnel (MINA SSHD in Felix) reports the host's state in {@code host:list}, a bad uri is refused in
 * tapsteer's words, and {@code host:remove} forgets it. The host is a closed port on loopback, so
 * nothing leaves the machine.
 */
class RemoteHostsIT {
    @Test
    void addListRemoveAHostAndSeeItsState() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the headless product makes taps: run the build as root (CAP_NET_ADMIN)");
        Tapsteer tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-it-"));
        Path keys = Files.createTempDirectory("tapsteer-it-keys-");
        Tapsteer.Service service = tapsteer.startService();
        try {
            Path key = keys.resolve("lab_key");
            Tapsteer.sh("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", key.toString());
            Path known = keys.resolve("known_hosts");
            Files.writeString(known, "[127.0.0.1]:1 " + Files.readString(keys.resolve("lab_key.pub")));

            assertEquals("no lab hosts: add one with host:add NAME tapsteer+ssh://root@HOST", tapsteer.ok("host:list").strip());

            Tapsteer.Result bad = tapsteer.shell("host:add b ssh://root@127.0.0.1");
            assertEquals(1, bad.exit(), bad.toString());
            assertTrue(bad.err().contains(": host b: uri 'ssh://root@127.0.0.1' is not a lab host address: allowed is "
                    + "tapsteer+ssh://USER@HOST[:PORT]"), bad.toString());

            String added = tapsteer.ok("host:add --identity " + key + " --known-hosts " + known + " b tapsteer+ssh://root@127.0.0.1:1");
            assertTrue(added.contains("host b added: tapsteer+ssh://root@127.0.0.1:1"), added);
            String list = "";
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!list.contains("unreachable since") && System.nanoTime() < end) {
                Thread.sleep(200);
                list = tapsteer.ok("host:list");
            }
            assertTrue(list.matches("(?s)HOST\\s+URI\\s+STATE\\s+b\\s+tapsteer\\+ssh://root@127\\.0\\.0\\.1:1\\s+unreachable since .*"), list);

            assertTrue(tapsteer.ok("host:remove b").contains("host b removed"));
            assertTrue(tapsteer.ok("host:list").startsWith("no lab hosts"));
            Tapsteer.Result gone = tapsteer.shell("host:remove b");
            assertEquals(1, gone.exit(), gone.toString());
            assertTrue(gone.err().contains("host 'b' is not configured: configured are []"), gone.toString());
        } finally {
            service.stop();
            assertFalse(service.log().get(10, TimeUnit.SECONDS).contains("SLF4J"), "MINA's logging reached the runtime's log");
            tapsteer.deleteHome();
            try (var files = Files.walk(keys)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
