package io.tapsteer.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One lab host for the tests: a network namespace of its own joined to the test's by a veth pair
 * (a /30 of a documentation network), Debian's sshd on a private configuration on the veth address
 * only, and a headless runtime (./tapsteer run) inside the namespace, exporting on its loopback.
 * Keys are made by ssh-keygen under a temp dir. {@link #close} ends every process it started by pid
 * and deletes the namespace and every file, also after a failure.
 */
final class LabHostNode implements AutoCloseable {
    static final int MANAGEMENT_PORT = 2543;
    final String name;
    final String netns;
    final String outerAddress;
    final String innerAddress;
    final Path dir;
    final Tapsteer tapsteer;
    final Path endpoints;
    private final String vethOut;
    private Process sshd;
    private Process runtime;
    private final StringBuffer log = new StringBuffer();

    /**
     * @param name the host's name (a, b, c)
     * @param net the first three octets of the documentation network ("198.51.100")
     * @param slot which /30 of it (0 to 63)
     */
    LabHostNode(String name, String net, int slot) throws Exception {
        this.name = name;
        netns = "tsh" + ProcessHandle.current().pid() + name;
        vethOut = netns + "o";
        outerAddress = net + "." + (slot * 4 + 1);
        innerAddress = net + "." + (slot * 4 + 2);
        dir = Files.createTempDirectory("tapsteer-it-host-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        tapsteer = new Tapsteer(dir.resolve("home"));
        endpoints = Path.of("/run/tapsteer/it-" + netns + ".json");
        try {
            start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void start() throws Exception {
        keygen("host_key");
        keygen("client_key");
        keygen("stranger_key");
        keygen("other_host_key");
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        write("known_hosts", innerAddress + " " + Files.readString(dir.resolve("host_key.pub")));
        write("wrong_known_hosts", innerAddress + " " + Files.readString(dir.resolve("other_host_key.pub")));
        write("sshd_config", String.join("\n", "ListenAddress " + innerAddress + ":22", "HostKey " + dir.resolve("host_key"),
                "PidFile none", "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PubkeyAuthentication yes",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
                "AllowTcpForwarding local", "StrictModes no", "UsePAM no", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        Tapsteer.sh("ip", "netns", "add", netns);
        Tapsteer.sh("ip", "link", "add", vethOut, "type", "veth", "peer", "name", netns + "i");
        Tapsteer.sh("ip", "link", "set", netns + "i", "netns", netns);
        Tapsteer.sh("ip", "addr", "add", outerAddress + "/30", "dev", vethOut);
        Tapsteer.sh("ip", "link", "set", vethOut, "up");
        Tapsteer.sh("ip", "netns", "exec", netns, "ip", "addr", "add", innerAddress + "/30", "dev", netns + "i");
        Tapsteer.sh("ip", "netns", "exec", netns, "ip", "link", "set", netns + "i", "up");
        Tapsteer.sh("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");
        sshd = new ProcessBuilder("ip", "netns", "exec", netns, "/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).start();
        Tapsteer.drain(sshd.getInputStream());
        Files.createDirectories(tapsteer.home().resolve("conf"));
        Files.writeString(tapsteer.home().resolve("conf/io.tapsteer.remote.export.cfg"),
                "port = " + MANAGEMENT_PORT + "\nendpoints = " + endpoints + "\n");
        startRuntime();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listeners().contains(innerAddress + ":22")) {
            if (System.nanoTime() > end || !sshd.isAlive()) {
                throw new IllegalStateException("sshd of host " + name + " did not listen within 10 s: " + listeners());
            }
            Thread.sleep(100);
        }
    }

    /** Starts the host's runtime in its namespace and waits (bounded) for its shell socket. */
    void startRuntime() throws Exception {
        Files.deleteIfExists(tapsteer.home().resolve("run/shell.sock"));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", netns, Tapsteer.ROOT.resolve("tapsteer").toString(), "run")
                .directory(Tapsteer.ROOT.toFile());
        pb.environment().put("TAPSTEER_HOME", tapsteer.home().toString());
        pb.environment().put("TAPSTEER_NO_BUILD", "1");
        runtime = pb.start();
        Tapsteer.drain(runtime.getInputStream());
        collect(runtime.getErrorStream());
        Path socket = tapsteer.home().resolve("run/shell.sock");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) || !Files.exists(endpoints) || Files.readString(endpoints).length() < 10) {
            if (System.nanoTime() > end || !runtime.isAlive()) {
                throw new IllegalStateException("the runtime of host " + name + " did not come up and export: " + log);
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: the runtime and the JVM under it end at once, as in a crash. */
    void killRuntime() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(runtime.descendants().toList());
        all.add(runtime.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        runtime.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP (true) or SIGCONT (false) to the host's JVM: a runtime that stops answering without closing anything. */
    void freezeRuntime(boolean stop) throws Exception {
        List<ProcessHandle> all = new ArrayList<>(runtime.descendants().toList());
        all.add(runtime.toHandle());
        for (ProcessHandle p : all) {
            if (p.info().command().orElse("").endsWith("/java")) {
                Tapsteer.sh("kill", stop ? "-STOP" : "-CONT", Long.toString(p.pid()));
            }
        }
    }

    /** @return what the host's runtime wrote on stderr so far */
    String log() {
        return log.toString();
    }

    private void collect(InputStream in) {
        Tapsteer.THREADS.execute(() -> {
            byte[] b = new byte[4096];
            try {
                for (int n; (n = in.read(b)) > 0;) {
                    log.append(new String(b, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the runtime ended
            }
        });
    }

    /** @return every TCP listener in the host's namespace ({@code ss -Hltn}), as local address:port */
    List<String> listeners() throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Tapsteer.sh("ip", "netns", "exec", netns, "ss", "-Hltn").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4) {
                out.add(f[3]);
            }
        }
        return out;
    }

    /** @return the desktop's configuration of this host (conf/io.tapsteer.remote-NAME.cfg) */
    String desktopConfig(String knownHosts, String identity) {
        return desktopConfig(knownHosts, identity, MANAGEMENT_PORT);
    }

    /** @return the desktop's configuration of this host, its runtime exporting on {@code port} */
    String desktopConfig(String knownHosts, String identity, int port) {
        return "uri = tapsteer+ssh://root@" + innerAddress + "\nidentity = " + dir.resolve(identity) + "\nknownHosts = "
                + dir.resolve(knownHosts) + "\nmanagementPort = " + port + "\nendpoints = " + endpoints + "\n";
    }

    /** Rewrites the runtime's export configuration, as a user edits it while the runtime runs. */
    void export(int port) throws IOException {
        Files.writeString(tapsteer.home().resolve("conf/io.tapsteer.remote.export.cfg"),
                "port = " + port + "\nendpoints = " + endpoints + "\n");
    }

    /** @return the SHA256 fingerprint of a public key file, as ssh-keygen prints it */
    String fingerprint(String pub) throws Exception {
        return Tapsteer.sh("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve(pub).toString()).split("\\s+")[1];
    }

    private void keygen(String key) throws Exception {
        Tapsteer.sh("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", key, "-f", dir.resolve(key).toString());
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
        Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    public void close() {
        for (Process p : new Process[] {runtime, sshd}) {
            if (p == null) {
                continue;
            }
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String[] cmd : new String[][] {{"ip", "netns", "del", netns}, {"ip", "link", "del", vethOut}}) {
            try {
                Tapsteer.sh(cmd);
            } catch (Exception | AssertionError e) {
                // not created, or gone with the namespace
            }
        }
        try {
            Files.deleteIfExists(endpoints);
        } catch (IOException e) {
            // the runtime removed it
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // nothing left
        }
    }
}
