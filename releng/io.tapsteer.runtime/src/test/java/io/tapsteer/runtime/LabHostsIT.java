package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Many lab hosts, for real: three headless runtimes, each in its own network namespace with
 * Debian's sshd started by the test and a veth pair to the test's namespace (documentation
 * addresses), each exporting its services on its loopback; one desktop runtime watches all three
 * through SSH tunnels (OSGi Remote Services, Aries RSA), steers a device on one, reads stats equal to
 * the host's own, sees a killed host go unreachable within 5 s and come back, and refuses a client
 * without the key, a wrong host key and a payload outside the allow-list. Booted once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabHostsIT {
    private static final List<LabHostNode> HOSTS = new ArrayList<>();
    private static Tapsteer desktop;
    private static Tapsteer.Service desktopService;
    private static LabHostNode a;
    private static LabHostNode b;
    private static LabHostNode c;

    @BeforeAll
    static void boot() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "lab hosts need namespaces, veth pairs and taps: run the build as root (CAP_NET_ADMIN)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "Debian's openssh-server is not installed (./tapsteer test installs it)");
        int slot = (int) (ProcessHandle.current().pid() % 30) * 2;
        List<CompletableFuture<LabHostNode>> starting = List.of(
                CompletableFuture.supplyAsync(() -> node("a", "198.51.100", slot), Tapsteer.THREADS),
                CompletableFuture.supplyAsync(() -> node("b", "198.51.100", slot + 1), Tapsteer.THREADS),
                CompletableFuture.supplyAsync(() -> node("c", "192.0.2", slot), Tapsteer.THREADS));
        for (CompletableFuture<LabHostNode> f : starting) {
            try {
                HOSTS.add(f.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                // the others are closed in cleanUp; this one closed itself
                throw new AssertionError("a lab host did not start: " + e.getMessage(), e);
            }
        }
        a = HOSTS.get(0);
        b = HOSTS.get(1);
        c = HOSTS.get(2);
        for (LabHostNode h : HOSTS) {
            assertTrue(h.tapsteer.ok("lab:start --queues 4 --flows 64 --rate 2000 --seconds 2").startsWith("lab traffic on lab0"));
        }
        desktop = new Tapsteer(Files.createTempDirectory("tapsteer-it-desktop-"));
        Files.createDirectories(desktop.home().resolve("conf"));
        for (LabHostNode h : HOSTS) {
            Files.writeString(desktop.home().resolve("conf/io.tapsteer.remote-" + h.name + ".cfg"), h.desktopConfig("known_hosts", "client_key"));
        }
        desktopService = desktop.startService();
        awaitList(60, l -> l.matches("(?s).*\\ba\\s+\\S+\\s+connected.*") && l.matches("(?s).*\\bb\\s+\\S+\\s+connected.*")
                && l.matches("(?s).*\\bc\\s+\\S+\\s+connected.*"));
    }

    private static LabHostNode node(String name, String net, int slot) {
        try {
            return new LabHostNode(name, net, slot);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            if (desktopService != null) {
                desktopService.stop();
            }
            if (desktop != null) {
                desktop.deleteHome();
            }
        } finally {
            HOSTS.forEach(LabHostNode::close);
        }
    }

    @Test
    void statsThroughTheTunnelEqualTheHostsOwnAndSteeringReachesTheHost() throws Exception {
        String used = desktop.ok("steer:use --host b --device lab0 round-robin");
        assertTrue(used.startsWith("lab0: strategy round-robin, lanes 4"), used);
        String own = b.tapsteer.ok("steer:show --device lab0");
        assertTrue(own.startsWith("lab0: strategy round-robin"), own);
        assertTrue(a.tapsteer.ok("steer:show --device lab0").startsWith("lab0: strategy automq"), "host a was not to change");
        String strategies = desktop.ok("steer:list --host b");
        assertTrue(Pattern.compile("(?m)^round-robin\\s+lab0$").matcher(strategies).find()
                && Pattern.compile("(?m)^flow-hash\\s+-$").matcher(strategies).find(), strategies);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String remote;
        String local;
        do {
            local = counters(b.tapsteer.ok("stats:show --device lab0 --json"));
            remote = counters(desktop.ok("stats:show --host b --device lab0 --json"));
        } while ((!remote.equals(local) || !local.equals(counters(b.tapsteer.ok("stats:show --device lab0 --json"))))
                && System.nanoTime() < end);
        assertEquals(local, remote, "the desktop's stats:show --host b differs from host b's own");
        assertTrue(local.contains("rx=") && !local.startsWith("rx=0 "), "host b counted no lab traffic: " + local);
    }

    /** @return total and per-queue rx packets and bytes of a stats:show --json, the numbers that do not depend on time */
    private static String counters(String json) {
        JsonObject o = JsonParser.parseString(json.strip()).getAsJsonObject();
        StringBuilder s = new StringBuilder("rx=" + o.getAsJsonObject("rx").get("packets").getAsLong() + " ");
        for (JsonElement q : o.getAsJsonArray("queues")) {
            JsonObject r = q.getAsJsonObject();
            s.append("q").append(r.get("queue").getAsInt()).append('=').append(r.get("rx_packets").getAsLong()).append('/')
                    .append(r.get("rx_bytes").getAsLong()).append(' ');
        }
        return s.toString().strip();
    }

    @Test
    void aConfigurationAHostRefusesShowsInSteerShowOfThatHost() throws Exception {
        Path bad = b.tapsteer.home().resolve("conf/io.tapsteer.queue-bad.cfg");
        Files.writeString(bad, "device=bad0\nnamespace=private\nqueues=abc\n");
        try {
            String own = b.tapsteer.awaitOk("steer:show --device lab0", out -> out.contains("refused: conf/io.tapsteer.queue-bad.cfg"));
            String refusal = own.lines().filter(l -> l.startsWith("refused: conf/io.tapsteer.queue-bad.cfg")).findFirst().orElseThrow();
            String remote = desktop.awaitOk("steer:show --host b --device lab0", out -> out.contains(refusal));
            assertTrue(remote.startsWith("lab0: strategy "), remote);
            assertFalse(desktop.ok("steer:show --host a --device lab0").contains("queue-bad"), "host a has no such file");
            assertFalse(desktop.shell("steer:show").toString().contains("queue-bad"), "the desktop's own steer:show is not host b's");
        } finally {
            Files.delete(bad);
        }
        desktop.awaitOk("steer:show --host b --device lab0", out -> !out.contains("queue-bad"));
    }

    @Test
    void ebpfStatusOfAHostIsTheHostsOwn() throws Exception {
        b.tapsteer.ok("ebpf:attach --device lab0 queue 1");
        try {
            String own = b.tapsteer.ok("ebpf:status").strip();
            assertTrue(own.matches("(?s)kernel steering: available\n.*lab0: fixed-queue 1, owner shell, fd \\d+, \\d+ instructions.*"), own);
            String remote = desktop.ok("ebpf:status --host b").strip();
            assertEquals(own.replaceFirst("^kernel steering:", "kernel steering on host b:"), remote);
            assertTrue(desktop.ok("ebpf:status --host a").contains("no program attached"), "host a has no program");
        } finally {
            b.tapsteer.ok("ebpf:detach --device lab0");
        }
    }

    @Test
    void nothingListensOnANonLoopbackPort() throws Exception {
        for (LabHostNode h : HOSTS) {
            List<String> open = h.listeners().stream()
                    .filter(l -> !l.startsWith("127.0.0.1:") && !l.startsWith("[::ffff:127.0.0.1]:") && !l.startsWith("[::1]:"))
                    .toList();
            assertEquals(List.of(h.innerAddress + ":22"), open, "host " + h.name + " listens beyond its loopback (besides sshd)");
            assertTrue(h.listeners().stream().anyMatch(l -> l.endsWith(":" + LabHostNode.MANAGEMENT_PORT)),
                    "host " + h.name + " does not export on its loopback: " + h.listeners());
        }
        Set<Long> pids = desktopService.process().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        pids.add(desktopService.process().pid());
        List<String> desktopListeners = new ArrayList<>();
        Pattern p = Pattern.compile("^\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+.*pid=(\\d+),.*$");
        for (String line : Tapsteer.sh("ss", "-Hltnp").split("\n")) {
            Matcher m = p.matcher(line.strip());
            if (m.matches() && pids.contains(Long.parseLong(m.group(2)))) {
                desktopListeners.add(m.group(1));
            }
        }
        assertTrue(desktopListeners.stream().allMatch(l -> l.startsWith("127.0.0.1:") || l.startsWith("[::ffff:127.0.0.1]:")),
                "the desktop listens beyond loopback: " + desktopListeners);
    }

    @Test
    void noOtherLocalUserReachesAHostsManagementPortOrTheDesktopsTunnels() throws Exception {
        int port = LabHostNode.MANAGEMENT_PORT;
        assertEquals("", connect(a.netns, false, port), "root on host a reaches its management port");
        String refused = connect(a.netns, true, port);
        assertTrue(refused.contains("Operation not permitted"), "nobody on host a reached its management port: " + refused);
        Matcher tunnel = Pattern.compile("(?m)^b\\s+\\S+\\s+connected \\(127\\.0\\.0\\.1:(\\d+)\\)").matcher(desktop.ok("host:list"));
        assertTrue(tunnel.find(), desktop.ok("host:list"));
        int local = Integer.parseInt(tunnel.group(1));
        assertEquals("", connect(null, false, local), "root on the desktop reaches its tunnel to host b");
        refused = connect(null, true, local);
        assertTrue(refused.contains("Operation not permitted"), "nobody on the desktop reached the tunnel to host b: " + refused);
    }

    /** @return "" when a connect to 127.0.0.1:port (in the namespace, null: the test's) succeeded, else what bash said */
    private static String connect(String netns, boolean asNobody, int port) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        if (asNobody) {
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        cmd.addAll(List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the connect did not end within 10 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? "" : out.isEmpty() ? "exit " + p.exitValue() : out;
    }

    @Test
    void aKilledHostIsUnreachableWithinFiveSecondsWhileTheOthersAnswerAndComesBack() throws Exception {
        java.time.Instant killed = java.time.Instant.now();
        c.killRuntime();
        String list = awaitList(10, l -> l.matches("(?s).*\\bc\\s+\\S+\\s+unreachable since .*"));
        Matcher since = Pattern.compile("(?m)^c\\s+\\S+\\s+unreachable since (\\S+Z):").matcher(list);
        assertTrue(since.find(), list);
        long took = java.time.Duration.between(killed, java.time.Instant.parse(since.group(1))).toMillis();
        assertTrue(took <= 5000, "host c was marked unreachable only " + took + " ms after it was killed: " + list);
        assertTrue(list.matches("(?s).*\\ba\\s+\\S+\\s+connected.*") && list.matches("(?s).*\\bb\\s+\\S+\\s+connected.*"), list);
        for (String h : List.of("a", "b")) {
            long first = snapshotTime(h);
            Thread.sleep(300);
            assertTrue(snapshotTime(h) > first, "host " + h + " stopped answering while c was down");
        }
        Tapsteer.Result down = desktop.shell("stats:show --host c");
        assertEquals(1, down.exit(), down.toString());
        assertTrue(down.err().contains("host c is unreachable since "), down.toString());

        c.startRuntime();
        awaitList(40, l -> l.matches("(?s).*\\bc\\s+\\S+\\s+connected.*"));
        assertTrue(desktop.ok("tap:scan --host c --json").contains("\"taps\""), "host c answers again");
    }

    @Test
    void aHostThatStopsAnsweringNeverHangsACallerAndIsMarkedUnreachable() throws Exception {
        c.freezeRuntime(true);
        try {
            long t0 = System.nanoTime();
            Tapsteer.Result r = desktop.shell("tap:scan --host c");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("host c did not answer scan within 2000 ms") || r.err().contains("host c is unreachable since "),
                    r.toString());
            assertTrue(took < 8000, "tap:scan --host c took " + took + " ms against a frozen host");
            awaitList(10, l -> l.matches("(?s).*\\bc\\s+\\S+\\s+unreachable since .*"));
            assertTrue(desktop.ok("host:list").matches("(?s).*\\ba\\s+\\S+\\s+connected.*"), "host a must stay connected");
        } finally {
            c.freezeRuntime(false);
        }
        awaitList(40, l -> l.matches("(?s).*\\bc\\s+\\S+\\s+connected.*"));
    }

    private static long snapshotTime(String host) throws Exception {
        JsonObject o = JsonParser.parseString(desktop.ok("stats:show --host " + host + " --device lab0 --json").strip()).getAsJsonObject();
        return o.get("time_ms").getAsLong();
    }

    @Test
    void aClientWithoutTheKeyIsRefused() throws Exception {
        desktop.ok("host:add --identity " + a.dir.resolve("stranger_key") + " --known-hosts " + a.dir.resolve("known_hosts")
                + " nokey tapsteer+ssh://root@" + a.innerAddress);
        try {
            String list = awaitList(30, l -> l.contains("refused"));
            assertTrue(list.matches("(?s).*nokey\\s+\\S+\\s+refused: root@" + Pattern.quote(a.innerAddress) + " did not accept the key "
                    + Pattern.quote(a.dir.resolve("stranger_key").toString()) + " \\(key authentication only: no password\\).*"), list);
        } finally {
            desktop.ok("host:remove nokey");
        }
    }

    @Test
    void aWrongHostKeyIsRefusedWithTheFingerprintItOffered() throws Exception {
        desktop.ok("host:add --identity " + a.dir.resolve("client_key") + " --known-hosts " + a.dir.resolve("wrong_known_hosts")
                + " wrongkey tapsteer+ssh://root@" + a.innerAddress);
        try {
            String list = awaitList(30, l -> l.contains("wrongkey") && l.contains("refused"));
            assertTrue(list.contains("refused: host key of " + a.innerAddress + " does not match " + a.dir.resolve("wrong_known_hosts")
                    + ": it offered ecdsa-sha2-nistp256 " + a.fingerprint("host_key.pub")), list);
        } finally {
            desktop.ok("host:remove wrongkey");
        }
    }

    @Test
    void unknownHostIsRefusedInWords() throws Exception {
        Tapsteer.Result r = desktop.shell("tap:scan --host zz");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("host 'zz' is not configured: configured are [a, b, c]"), r.toString());
        // the hosts' queue managers are imported into the desktop, yet its own commands never see them
        Tapsteer.Result local = desktop.shell("steer:show");
        assertEquals(1, local.exit(), local.toString());
        assertTrue(local.err().contains("no device is being steered"), local.toString());
    }

    @Test
    void aPayloadWithAClassOutsideTheAllowListIsRefusedAndLogged() throws Exception {
        Matcher port = Pattern.compile("(?m)^a\\s+\\S+\\s+connected \\(127\\.0\\.0\\.1:(\\d+)\\)").matcher(desktop.ok("host:list"));
        assertTrue(port.find(), "host a is not connected");
        String id = null;
        for (JsonElement e : JsonParser.parseString(Files.readString(a.endpoints)).getAsJsonArray()) {
            JsonArray types = e.getAsJsonObject().getAsJsonArray("objectClass");
            if (types.get(0).getAsString().equals("io.tapsteer.api.stats.StatsService")) {
                id = e.getAsJsonObject().get("endpoint.id").getAsString();
            }
        }
        assertTrue(id != null, "host a exports no stats service");
        // a fastbin request (length, correlation, service id, method signature, serialized arguments)
        // for StatsService.snapshot(String) whose argument is an AtomicLong: not a value type lab hosts exchange
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1); // correlation 1 as a varint
        buffer(body, id);
        buffer(body, "snapshot,Ljava.lang.String");
        try (ObjectOutputStream oos = new ObjectOutputStream(body)) {
            oos.writeObject(new Object[] {new AtomicLong(23)});
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), 5000);
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(body.size() + 4);
            body.writeTo(out);
            out.flush();
            int length = new DataInputStream(s.getInputStream()).readInt();
            assertTrue(length > 4, "host a sent no answer");
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String expected = "tapsteer: remote call refused: a remote payload holds class java.util.concurrent.atomic.AtomicLong, "
                + "which is not one of the value types lab hosts exchange";
        while (!a.log().contains(expected) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertTrue(a.log().contains(expected), "host a did not log the refusal: " + a.log());
        assertTrue(desktop.ok("host:list").matches("(?s).*\\ba\\s+\\S+\\s+connected.*"), "host a must stay connected");
    }

    @Test
    void aCommandWithoutARemoteFormRunsOnTheHostsOwnConsole() throws Exception {
        assertEquals(b.tapsteer.ok("tap:show lab0"), desktop.ok("tap:show --host b lab0"));
        desktop.ok("tap:detach --host b lab0 1");
        try {
            assertTrue(b.tapsteer.ok("tap:show lab0").contains("numqueues 3 numdisabled 1"), "host b's queue 1 is detached");
            assertTrue(a.tapsteer.ok("tap:show lab0").contains("numqueues 4 numdisabled 0"), "host a was not to change");
        } finally {
            desktop.ok("tap:attach --host b lab0 1");
        }
        assertTrue(b.tapsteer.ok("tap:show lab0").contains("numqueues 4 numdisabled 0"), "host b's queue 1 is back");

        Tapsteer.Result own = b.tapsteer.shell("tap:show nosuch");
        Tapsteer.Result remote = desktop.shell("tap:show --host b nosuch");
        assertEquals(1, remote.exit(), remote.toString());
        assertEquals(own.err().replace("tap:show nosuch", "tap:show --host b nosuch"), remote.err(), "the host's refusal, in its words");

        Tapsteer.Result hop = desktop.shell("host:list --host b");
        assertEquals(1, hop.exit(), hop.toString());
        assertTrue(hop.err().contains("host:list does not run on a lab host for a desktop: allowed are tapsteer's tap, ebpf, rss, steer, "
                + "stats, lab commands"), hop.err());
    }

    @Test
    void aLongCommandOnAHostStreamsItsOutputPastTheCallTimeout() throws Exception {
        long start = System.nanoTime();
        String demo = desktop.ok("lab:demo --host a --queues 2 --flows 16 --rate 2000 --seconds 4 --json");
        assertTrue(System.nanoTime() - start > TimeUnit.SECONDS.toNanos(4), "the demo ran its 4 s on host a");
        JsonObject j = JsonParser.parseString(demo.strip().lines().reduce((x, y) -> y).orElseThrow()).getAsJsonObject();
        assertTrue(j.get("sent").getAsLong() > 0, demo);
        assertEquals(j.get("sent").getAsLong(), j.get("received").getAsLong() + j.get("dropped").getAsLong(), demo);
    }

    @Test
    void tapListOfAHostShowsTheTapsItsRuntimeDrives() throws Exception {
        String list = desktop.ok("tap:list --host a");
        assertTrue(list.matches("(?s).*\\blab0\\s+tap\\s+4\\+0\\s.*\\bdriven\\b.*"), list);
    }

    /** Last but one: host a's runtime moves to other ports while it runs, and exports all it did on the last one. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aManagementPortMovedAtRunTimeExportsEverythingThere() throws Exception {
        int before = Files.readString(a.endpoints).split("\"objectClass\"", -1).length - 1;
        assertTrue(before >= 7, "host a exports its services: " + Files.readString(a.endpoints));
        a.export(LabHostNode.MANAGEMENT_PORT + 2); // twice: the engine restarts on its own thread each time
        Thread.sleep(3000);
        int moved = LabHostNode.MANAGEMENT_PORT + 1;
        a.export(moved);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(a.listeners().stream().anyMatch(l -> l.endsWith(":" + moved))
                && a.listeners().stream().noneMatch(l -> l.endsWith(":" + LabHostNode.MANAGEMENT_PORT))) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertTrue(a.listeners().stream().anyMatch(l -> l.endsWith(":" + moved)), "host a moved to port " + moved + ": " + a.listeners());
        Files.writeString(desktop.home().resolve("conf/io.tapsteer.remote-a.cfg"), a.desktopConfig("known_hosts", "client_key", moved));
        Tapsteer.Result r = desktop.shell("tap:show --host a lab0");
        long back = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.exit() != 0 && System.nanoTime() < back) { // the desktop re-reads the host's file, then reconnects
            Thread.sleep(500);
            r = desktop.shell("tap:show --host a lab0");
        }
        assertEquals(0, r.exit(), "host a did not answer on its new port within 30 s: " + r);
        String show = r.out();
        assertEquals(a.tapsteer.ok("tap:show lab0"), show, "host a's console is exported on its new port");
        assertTrue(desktop.ok("steer:show --host a --device lab0").startsWith("lab0: strategy"), "its queue manager too");
        int after = Files.readString(a.endpoints).split("\"objectClass\"", -1).length - 1;
        assertEquals(before, after, "everything exported before is exported on the new port: " + Files.readString(a.endpoints));
    }

    /**
     * Bench rows: remote steer:use round trips (median, p99) and the bytes one desktop pulls from 3
     * hosts x 16 queues at one snapshot per device per second. Last, because it replaces the hosts' lab taps.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void benchRowsForRemoteSteeringAndSnapshots() throws Exception {
        for (LabHostNode h : HOSTS) {
            h.tapsteer.shell("lab:stop lab0");
            String started = h.tapsteer.ok("lab:start --queues 16 --flows 256 --rate 1000 --seconds 30");
            assertTrue(started.startsWith("lab traffic on "), started);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!HOSTS.stream().allMatch(h -> steered(h)) && System.nanoTime() < end) {
            Thread.sleep(250);
        }
        String device = desktop.ok("steer:show --host b").lines().findFirst().orElse("").split(":")[0];
        String out = desktop.ok("host:bench --host b --device " + device + " --count 200 --seconds 5");
        Matcher steer = Pattern.compile("median (\\d+) us, p99 (\\d+) us").matcher(out);
        Matcher bytes = Pattern.compile("3 hosts, 3 devices, 48 queues, 1 per device per second for 5 s: (\\d+) bytes/s").matcher(out);
        assertTrue(steer.find() && bytes.find(), out);
        String rows = "| row | value |\n|---|---|\n"
                + "| `remote-steer-use` median | " + steer.group(1) + " us |\n"
                + "| `remote-steer-use` p99 | " + steer.group(2) + " us |\n"
                + "| `remote-snapshots-3x16` | " + bytes.group(1) + " B/s |\n";
        Files.writeString(Path.of("target/bench-lab-hosts.md"), rows);
        System.out.println(out + "\n" + rows);
    }

    private static boolean steered(LabHostNode h) {
        try {
            return desktop.shell("steer:show --host " + h.name).out().contains("lanes 16");
        } catch (Exception e) {
            return false;
        }
    }

    private static void buffer(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        while (n >= 0x80) {
            out.write(n & 0x7f | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(b);
    }

    /** Polls the desktop's host:list (bounded) until it satisfies the test; returns the last one. */
    private static String awaitList(int seconds, java.util.function.Predicate<String> until) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String list = desktop.ok("host:list");
        while (!until.test(list) && System.nanoTime() < end) {
            Thread.sleep(250);
            list = desktop.ok("host:list");
        }
        assertTrue(until.test(list), "host:list did not get there within " + seconds + " s: " + list);
        return list;
    }
}
