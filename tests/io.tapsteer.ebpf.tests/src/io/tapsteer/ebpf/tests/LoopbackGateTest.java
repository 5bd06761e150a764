package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.ebpf.LoopbackGate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A loopback port kept for this process's user (root here): another user's connect is refused by
 * the kernel on every address that reaches it, this user's passes, other ports stay open, and
 * closing the gate opens the port again. The other user is nobody, in a real process.
 */
class LoopbackGateTest {
    private static final int NOBODY = 65534;

    @Test
    void onlyTheOwnerConnectsToAKeptPort() throws Exception {
        try (ServerSocket kept = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = kept.getLocalPort();
            assertEquals("", connectAsNobody("127.0.0.1", port), "nobody connects before the gate");
            try (LoopbackGate gate = LoopbackGate.keep(port)) {
                assertEquals(port, gate.port());
                for (String address : new String[] {"127.0.0.1", "0.0.0.0", "::ffff:127.0.0.1"}) {
                    String refused = connectAsNobody(address, port);
                    assertTrue(refused.contains("Operation not permitted"), "nobody reached " + address + ":" + port + ": " + refused);
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                    assertTrue(s.isConnected(), "the owner connects");
                }
                assertEquals("", connectAsNobody("127.0.0.1", other.getLocalPort()), "another port stays open to every user");
            }
            assertEquals("", connectAsNobody("127.0.0.1", port), "closing the gate opens the port again");
        }
    }

    @Test
    void aBadPortIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopbackGate.keep(70000));
        assertEquals("port 70000 is not a port: allowed is 1 to 65535", e.getMessage());
    }

    /** @return "" when nobody's connect succeeded, else what bash said */
    private static String connectAsNobody(String address, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "bash", "-c",
                "exec 3<>/dev/tcp/" + address + "/" + port).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the connect did not end within 10 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? "" : out.isEmpty() ? "exit " + p.exitValue() : out;
    }
}
