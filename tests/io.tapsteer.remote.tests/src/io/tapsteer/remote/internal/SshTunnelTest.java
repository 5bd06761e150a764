package io.tapsteer.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.remote.LabHost;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SSH tunnel against a real Debian sshd in a private network namespace (see {@link LabSshd}). */
class SshTunnelTest {
    private static LabSshd lab;

    @BeforeAll
    static void start() throws Exception {
        lab = new LabSshd();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static LabHost host(String key, String knownHosts) {
        return LabHost.of("lab", Map.of("uri", "tapsteer+ssh://root@" + lab.innerAddress, "identity", lab.dir.resolve(key).toString(),
                "knownHosts", lab.dir.resolve(knownHosts).toString(), "managementPort", String.valueOf(LabSshd.ECHO_PORT)), "test");
    }

    @Test
    void forwardReachesTheHostsLoopback() throws Exception {
        try (SshTunnel t = SshTunnel.open(host("client_key", "known_hosts"))) {
            assertTrue(t.isOpen());
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", t.localPort()), 5000);
                    s.setSoTimeout(10_000);
                    byte[] sent = ("through the tunnel " + i).getBytes(StandardCharsets.UTF_8);
                    s.getOutputStream().write(sent);
                    s.getOutputStream().flush();
                    InputStream in = s.getInputStream();
                    byte[] got = in.readNBytes(sent.length);
                    assertEquals(new String(sent, StandardCharsets.UTF_8), new String(got, StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void aClientWithoutTheKeyIsRefused() {
        SshTunnel.TunnelRefused e = assertThrows(SshTunnel.TunnelRefused.class, () -> SshTunnel.open(host("stranger_key", "known_hosts")));
        assertTrue(e.getMessage().contains("did not accept the key " + lab.dir.resolve("stranger_key")), e.getMessage());
    }

    @Test
    void aWrongHostKeyIsRefusedWithItsFingerprint() throws Exception {
        String offered = lab.fingerprint("host_key.pub");
        SshTunnel.TunnelRefused e = assertThrows(SshTunnel.TunnelRefused.class, () -> SshTunnel.open(host("client_key", "wrong_known_hosts")));
        assertTrue(e.getMessage().contains("does not match " + lab.dir.resolve("wrong_known_hosts")), e.getMessage());
        assertTrue(e.getMessage().contains(offered), e.getMessage() + " should name " + offered);
    }

    @Test
    void anUnknownHostIsRefusedNamingTheFile() throws Exception {
        SshTunnel.TunnelRefused e = assertThrows(SshTunnel.TunnelRefused.class, () -> SshTunnel.open(host("client_key", "empty_known_hosts")));
        assertTrue(e.getMessage().contains(lab.innerAddress + " is not in " + lab.dir.resolve("empty_known_hosts")), e.getMessage());
        assertTrue(e.getMessage().contains(lab.fingerprint("host_key.pub")), e.getMessage());
    }

    @Test
    void sshdListensOnlyOnTheVethAndTheEchoOnlyOnLoopback() throws Exception {
        assertEquals(List.of(lab.innerAddress + ":22", "127.0.0.1:" + LabSshd.ECHO_PORT).stream().sorted().toList(),
                lab.listeners().stream().sorted().toList());
    }

    @Test
    void aBadUriIsRefusedInTapsteersWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabHost.of("b",
                Map.of("uri", "ssh://root@" + lab.innerAddress, "identity", lab.dir.resolve("client_key").toString(),
                        "knownHosts", lab.dir.resolve("known_hosts").toString()), "conf/io.tapsteer.remote-b.cfg"));
        assertEquals("conf/io.tapsteer.remote-b.cfg: uri 'ssh://root@" + lab.innerAddress + "' is not a lab host address: allowed is "
                + "tapsteer+ssh://USER@HOST[:PORT] (an SSH login; no password, no path)", e.getMessage());
    }
}
