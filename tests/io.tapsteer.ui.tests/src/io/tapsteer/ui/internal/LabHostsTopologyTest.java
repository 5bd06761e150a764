package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.testsupport.Osgi;
import io.tapsteer.ui.internal.TopologyModel.HostNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Optional;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The topology's host level with the real remote bundle: lab hosts configured through ConfigAdmin
 * as conf/io.tapsteer.remote-NAME.cfg would be, each with a real SSH tunnel attempt, show up as host
 * rows below this host with their state line, and the view keeps drawing while they fail.
 */
class LabHostsTopologyTest {

    private static Optional<HostNode> host(TopologyView view, String name) {
        return view.model().hosts().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    @Test
    void aHostNobodyAnswersIsUnreachableSinceAClockTimeAndABadConfigurationIsRefusedWithItsReason() throws Exception {
        ConfigurationAdmin cm = Osgi.await(Osgi.context(LabHostsTopologyTest.class), ConfigurationAdmin.class, null, 10_000);
        assertTrue(cm != null, "ConfigAdmin runs in the test framework");
        Path dir = Files.createTempDirectory("tapsteer-ui-hosts-");
        Path identity = dir.resolve("identity");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", identity.toString())
                .redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && keygen.exitValue() == 0, "ssh-keygen made a key");
        Path known = Files.writeString(dir.resolve("known_hosts"), "");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens there once closed: the connection is refused
        }
        Configuration gone = cm.getFactoryConfiguration("io.tapsteer.remote", "uigone", "?");
        Configuration bad = cm.getFactoryConfiguration("io.tapsteer.remote", "uibad", "?");
        Shell shell = Ui.shell(900, 500);
        try {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("uri", "tapsteer+ssh://root@127.0.0.1:" + closedPort);
            p.put("identity", identity.toString());
            p.put("knownHosts", known.toString());
            gone.update(p);
            Hashtable<String, Object> q = new Hashtable<>();
            q.put("uri", "tapsteer+ssh://root@127.0.0.1:" + closedPort);
            q.put("identity", "keys/relative");
            q.put("knownHosts", known.toString());
            bad.update(q);

            TopologyView view = new TopologyView();
            view.create(shell);
            shell.layout();
            assertTrue(Ui.pumpUntil(() -> host(view, "uigone").map(h -> h.state().startsWith("unreachable since")).orElse(false)
                    && host(view, "uibad").isPresent(), 20_000), "both lab hosts drawn with a state, got " + view.model().hosts());
            assertEquals(TopologyModel.THIS_HOST, view.model().hosts().get(0).name(), "this host comes first");
            String unreachable = host(view, "uigone").orElseThrow().state();
            assertTrue(unreachable.matches("unreachable since \\d\\d:\\d\\d:\\d\\d: .+"), unreachable);
            assertEquals("refused: host uibad: identity 'keys/relative' is relative: allowed is an absolute file path",
                    host(view, "uibad").orElseThrow().state());
            assertTrue(host(view, "uigone").orElseThrow().namespaces().isEmpty(), "no taps of a host that does not answer");
            assertTrue(Ui.screenshot(view.control(), "topology-lab-hosts").length() > 1000);
        } finally {
            shell.dispose();
            gone.delete();
            bad.delete();
            Files.deleteIfExists(identity);
            Files.deleteIfExists(dir.resolve("identity.pub"));
            Files.deleteIfExists(known);
            Files.deleteIfExists(dir);
        }
    }
}
