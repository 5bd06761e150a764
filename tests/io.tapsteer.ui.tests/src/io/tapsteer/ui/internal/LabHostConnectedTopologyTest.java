package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.testsupport.Osgi;
import io.tapsteer.testsupport.StandInVmm;
import io.tapsteer.ui.internal.TopologyModel.HostNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A connected lab host in the topology, end to end: the test framework's runtime exports its
 * services on loopback (as a lab host's runtime does), Debian's sshd on a private configuration on
 * a loopback port is the host's SSH server, and the framework's own lab host configuration reaches
 * it through the real tunnel, Aries RSA import and the 2 s call timeouts. The host row says
 * connected and lists a tap the test made, Queue traffic shows a device of the host from the host's
 * own stats; stopping sshd turns the row unreachable. Booted once.
 */
class LabHostConnectedTopologyTest {

    private static Path dir;
    private static Process sshd;
    private static Configuration export;
    private static Configuration host;

    @BeforeAll
    static void boot() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "Debian's openssh-server is not installed (./tapsteer test installs it)");
        ConfigurationAdmin cm = Osgi.await(Osgi.context(LabHostConnectedTopologyTest.class), ConfigurationAdmin.class, null, 10_000);
        assertTrue(cm != null, "ConfigAdmin runs in the test framework");
        dir = Files.createTempDirectory("tapsteer-ui-lab-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int sshPort = freePort();
        int managementPort = freePort();
        keygen("host_key");
        keygen("client_key");
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + sshPort + " " + Files.readString(dir.resolve("host_key.pub")));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", "ListenAddress 127.0.0.1:" + sshPort,
                "HostKey " + dir.resolve("host_key"), "PidFile none", "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password", "AllowTcpForwarding local", "StrictModes no", "UsePAM no", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(sshPort)) {
            assertTrue(sshd.isAlive() && System.nanoTime() < end, "sshd listens on 127.0.0.1:" + sshPort + ": " + log());
            Thread.sleep(100);
        }
        Path endpoints = dir.resolve("endpoints.json");
        export = cm.getConfiguration("io.tapsteer.remote.export", "?");
        Hashtable<String, Object> e = new Hashtable<>();
        e.put("port", Integer.toString(managementPort));
        e.put("endpoints", endpoints.toString());
        export.update(e);
        host = cm.getFactoryConfiguration("io.tapsteer.remote", "uilab", "?");
        Hashtable<String, Object> h = new Hashtable<>();
        h.put("uri", "tapsteer+ssh://root@127.0.0.1:" + sshPort);
        h.put("identity", dir.resolve("client_key").toString());
        h.put("knownHosts", dir.resolve("known_hosts").toString());
        h.put("managementPort", Integer.toString(managementPort));
        h.put("endpoints", endpoints.toString());
        host.update(h);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            if (host != null) {
                host.delete();
            }
            if (export != null) {
                export.delete();
            }
        } finally {
            stopSshd();
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static Optional<HostNode> labHost(TopologyView view) {
        return view.model().hosts().stream().filter(h -> h.name().equals("uilab")).findFirst();
    }

    private static boolean lists(HostNode h, String device) {
        return h.namespaces().stream().anyMatch(n -> n.devices().stream().anyMatch(d -> d.name().equals(device)));
    }

    @Test
    void theHostRowSaysConnectedWithItsTapAndUnreachableOnceItsSshServerStops() throws Exception {
        TapService taps = Osgi.await(Osgi.context(LabHostConnectedTopologyTest.class), TapService.class, null, 10_000);
        assertTrue(taps != null, "the tap service runs in the test framework");
        try (NetNamespace ns = taps.privateNamespace("ui-labhost")) {
            TapDevice tap = taps.create(TapOptions.builder().name("uilab%d").queues(2).build(), ns);
            Shell shell = Ui.shell(900, 600);
            try {
                TopologyView view = new TopologyView();
                view.create(shell);
                shell.layout();
                assertTrue(Ui.pumpUntil(() -> labHost(view).map(h -> h.state().equals("connected") && lists(h, tap.name())).orElse(false),
                        30_000), "the lab host is connected and lists " + tap.name() + ": " + labHost(view) + "\nsshd: " + log());
                HostNode h = labHost(view).orElseThrow();
                assertEquals(2, h.namespaces().stream().flatMap(n -> n.devices().stream()).filter(d -> d.name().equals(tap.name()))
                        .findFirst().orElseThrow().queues().size(), "the host's tap with its 2 queues");
                assertTrue(Ui.screenshot(view.control(), "topology-lab-host-connected").length() > 1000);

                try (QueueLab lab = new QueueLab("uiremote", 2)) {
                    assertTrue(lab.trackedBy() != null, "the host's stats service tracks " + lab.device());
                    String remote = lab.device() + " @ uilab";
                    QueueTrafficView traffic = new QueueTrafficView();
                    traffic.create(shell);
                    shell.layout();
                    traffic.choose(remote);
                    assertTrue(Ui.pumpUntil(() -> traffic.model().devices().contains(remote) && traffic.model().stats() != null
                            && traffic.model().stats().device().equals(lab.device()) && traffic.model().stats().queues().size() == 2,
                            20_000), "Queue traffic shows the lab host's " + lab.device() + " from its stats: " + traffic.model());
                    assertTrue(traffic.model().devices().contains(lab.device()), "this runtime's own device is offered too");
                    captureOfTheHostsDevice(traffic, lab, remote);
                    flowsOfTheHostsDevice(shell, lab, remote);
                    steerTheHostsDevice(shell, lab, remote);
                    queueIdsFollowTheHostsKernelIndexes(view, lab);
                }

                steerAHostsTapAnotherProcessHolds(view, taps);

                stopSshd();
                assertTrue(Ui.pumpUntil(() -> labHost(view).map(x -> x.state().startsWith("unreachable since")).orElse(false), 15_000),
                        "the host row turns unreachable once its SSH server is gone: " + labHost(view));
                assertTrue(labHost(view).orElseThrow().state().matches("unreachable since \\d\\d:\\d\\d:\\d\\d.*"),
                        labHost(view).orElseThrow().state());
                assertTrue(labHost(view).orElseThrow().namespaces().isEmpty(), "an unreachable host's taps are not drawn as if current");
            } finally {
                shell.dispose();
                tap.close();
            }
        }
    }

    /** Tap topology's buttons steer a tap another process holds on the lab host, through the host's console. */
    private static void steerAHostsTapAnotherProcessHolds(TopologyView view, TapService taps) throws Exception {
        Path exe = StandInVmm.build();
        assertTrue(exe != null, "gcc is needed to build the stand-in VMM (apt install gcc)");
        KernelSteering kernel = Osgi.await(Osgi.context(LabHostConnectedTopologyTest.class), KernelSteering.class, null, 10_000);
        try (NetNamespace ns = taps.privateNamespace("ui-labvmm"); StandInVmm vmm = new StandInVmm(exe, ns.path(), "uilabvm", 4)) {
            java.util.function.Supplier<Optional<TopologyModel.DeviceNode>> node = () -> labHost(view).flatMap(h -> h.namespaces()
                    .stream().flatMap(n -> n.devices().stream()).filter(d -> d.name().equals("uilabvm")).findFirst());
            assertTrue(Ui.pumpUntil(() -> node.get().isPresent(), 20_000), "the lab host lists the tap its stand-in VMM holds");
            view.selectDevice("uilab", node.get().orElseThrow());
            assertTrue(view.steerButton().isEnabled(), "a lab host's tap another process holds can be steered");
            view.steerButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            assertTrue(Ui.pumpUntil(() -> view.status().getText().startsWith("Host uilab: uilabvm: rss"), 20_000), view.status().getText());
            assertTrue(kernel.statuses().stream().anyMatch(st -> st.device().equals("uilabvm") && st.program().kind() == KernelProgram.Kind.RSS),
                    "the host's kernel steering has RSS on uilabvm: " + kernel.statuses());
            view.automqButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            assertTrue(Ui.pumpUntil(() -> view.status().getText().equals("Host uilab: uilabvm: steering program detached (automq)"), 20_000),
                    view.status().getText());
            assertTrue(kernel.statuses().stream().noneMatch(st -> st.device().equals("uilabvm")), "back to automq: " + kernel.statuses());
        }
    }

    /** Capture captures the host's device on the host and moves the pcapng file here; tshark reads it whole. */
    private static void captureOfTheHostsDevice(QueueTrafficView traffic, QueueLab lab, String remote) throws Exception {
        Path file = dir.resolve("remote.pcapng");
        lab.traffic(4, 2000, 6000);
        traffic.capture().file().setText(file.toString());
        traffic.capture().frames().setSelection(200);
        traffic.capture().startButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(Ui.pumpUntil(() -> traffic.capture().status().getText().startsWith("Host uilab: "), 40_000),
                traffic.capture().status().getText());
        assertTrue(traffic.capture().status().getText().endsWith("the file was moved here, to " + file + "."),
                traffic.capture().status().getText());
        Process p = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.number")
                .redirectError(dir.resolve("tshark.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "tshark reads the moved capture: " + out
                + Files.readString(dir.resolve("tshark.err")));
        assertEquals(200, out.strip().lines().filter(l -> l.matches("\\d+")).count(), "the 200 frames captured on the host of " + remote);
        try (Stream<Path> left = Files.list(Path.of("/run/tapsteer"))) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("capture-")), "nothing is left on the host");
        }
    }

    /** Flows lists the heaviest flows of the host's device, as the host's own stats count them. */
    private static void flowsOfTheHostsDevice(Shell shell, QueueLab lab, String remote) throws Exception {
        lab.traffic(8, 2000, 4000);
        FlowsView flows = new FlowsView();
        flows.create(shell);
        shell.layout();
        assertTrue(Ui.pumpUntil(() -> flows.rows().stream().filter(r -> r.device().equals(remote)).count() == 8, 20_000),
                "Flows lists the 8 flows of the lab host's " + remote + ": " + flows.rows());
        assertTrue(flows.rows().stream().filter(r -> r.device().equals(remote)).allMatch(r -> r.flow().packets() > 0),
                flows.rows().toString());
    }

    /** Steering lists the host's device, switches its strategy on the host, and applies RSS edits through the host's own console. */
    private static void steerTheHostsDevice(Shell shell, QueueLab lab, String remote) throws Exception {
        SteeringView steering = new SteeringView();
        steering.create(shell);
        shell.layout();
        assertTrue(Ui.pumpUntil(() -> java.util.List.of(steering.device().getItems()).contains(remote), 20_000),
                "Steering offers the lab host's " + remote + ": " + java.util.List.of(steering.device().getItems()));
        steering.device().select(java.util.List.of(steering.device().getItems()).indexOf(remote));
        steering.show(steering.model());
        int row = java.util.stream.IntStream.range(0, steering.table().getItemCount())
                .filter(i -> steering.table().getItem(i).getText(1).equals("round-robin")).findFirst().orElseThrow();
        steering.use(row);
        assertTrue(Ui.pumpUntil(() -> lab.manager.activeStrategy().equals("round-robin"), 10_000),
                "the host's queue manager took the strategy chosen for " + remote + ": " + lab.manager.activeStrategy());
        assertTrue(Ui.pumpUntil(() -> steering.status().getText().equals(remote + " now steers with round-robin."), 10_000),
                steering.status().getText());
        assertTrue(Ui.pumpUntil(() -> steering.model().managers().stream()
                .anyMatch(r -> r.device().equals(remote) && r.active().equals("round-robin")), 10_000),
                "the row shows the host's new strategy: " + steering.model().managers());
        ExplainPanel why = steering.explain();
        why.with().select(ExplainPanel.WITH_ACTIVE);
        why.explain();
        java.util.function.Supplier<java.util.List<String>> keys = () -> java.util.Arrays.stream(why.result().getItems())
                .map(i -> i.getText(0)).toList();
        assertTrue(Ui.pumpUntil(() -> keys.get().contains("strategy") && (keys.get().contains("lane") || keys.get().contains("queue")), 20_000),
                "the host explains the flow with its own strategy: " + keys.get() + " " + why.error());
        assertEquals(lab.device(), keys.get().get(0), "the host's answer names its device");
        assertTrue(java.util.Arrays.stream(why.result().getItems()).anyMatch(i -> i.getText(0).equals("strategy")
                && i.getText(1).startsWith("round-robin")), "with the strategy the host's device runs");
        RssEditor editor = steering.rss();
        editor.tableSpec().setText("weight 3 1");
        assertTrue(Ui.pumpUntil(editor::canApply, 5_000), editor.error());
        editor.applyButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(Ui.pumpUntil(() -> editor.error().equals("Applied on host uilab (its rss:set and steer:use)."), 20_000), editor.error());
        assertEquals("rss", lab.manager.activeStrategy(), "the host's device steers with rss");
        Object table = cm().getConfiguration("io.tapsteer.rss", "?").getProperties().get("table");
        assertTrue(String.valueOf(table).endsWith("weight 3 1"), "the host's rss configuration holds the edited table: " + table);
    }

    private static ConfigurationAdmin cm() throws InterruptedException {
        return Osgi.await(Osgi.context(LabHostConnectedTopologyTest.class), ConfigurationAdmin.class, null, 10_000);
    }

    /** After a detach and attach on the host, each queue's counter is drawn at the kernel index the queue now has. */
    private static void queueIdsFollowTheHostsKernelIndexes(TopologyView view, QueueLab lab) {
        lab.manager.detachQueue(0);
        lab.manager.attachQueue(0); // queue 1 now sits at kernel index 0, queue 0 at index 1
        java.util.function.Supplier<java.util.List<TopologyModel.QueueNode>> queues = () -> labHost(view).orElseThrow().namespaces()
                .stream().flatMap(n -> n.devices().stream()).filter(d -> d.name().equals(lab.device())).findFirst()
                .map(TopologyModel.DeviceNode::queues).orElse(java.util.List.of());
        assertTrue(Ui.pumpUntil(() -> queues.get().size() == 2 && queues.get().get(0).id() == 1 && queues.get().get(0).index() == 0
                && queues.get().get(1).id() == 0 && queues.get().get(1).index() == 1, 20_000),
                "the host's queue ids at their kernel indexes: " + queues.get());
    }

    private static void stopSshd() throws InterruptedException {
        if (sshd != null && sshd.isAlive()) {
            // the per-connection sshd processes too: the host's SSH server goes away with its sessions
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroy();
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void keygen(String name) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", name, "-f", dir.resolve(name).toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen " + name);
        Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
    }
}
