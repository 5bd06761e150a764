package io.tapsteer.remote.internal;

import java.io.IOException;
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
 * A lab host for the tests: a private network namespace joined to the test's own by a veth pair
 * (a /30 of 198.51.100.0/24 picked by pid), Debian's sshd on a private configuration listening on
 * the namespace's veth address only, a TCP echo listener on the namespace's loopback, and throwaway
 * keys (host, an authorized client, a stranger) made by ssh-keygen under a temp dir. {@link #close}
 * kills both processes by pid and deletes the namespace and every file, also after a failure.
 */
final class LabSshd implements AutoCloseable {
    static final int ECHO_PORT = 7407;
    final String netns = "tsr" + ProcessHandle.current().pid();
    final String vethOut = netns + "a";
    final String vethIn = netns + "b";
    final String outerAddress;
    final String innerAddress;
    final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private boolean createdRunSshd;

    LabSshd() throws IOException, InterruptedException {
        int base = (int) (ProcessHandle.current().pid() % 63) * 4;
        outerAddress = "198.51.100." + (base + 1);
        innerAddress = "198.51.100." + (base + 2);
        dir = Files.createTempDirectory("tapsteer-remote-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void start() throws IOException, InterruptedException {
        keygen("host_key");
        keygen("client_key");
        keygen("stranger_key");
        keygen("other_host_key");
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Files.writeString(dir.resolve("known_hosts"), innerAddress + " " + Files.readString(dir.resolve("host_key.pub")));
        Files.writeString(dir.resolve("wrong_known_hosts"), innerAddress + " " + Files.readString(dir.resolve("other_host_key.pub")));
        Files.writeString(dir.resolve("empty_known_hosts"), "");
        for (String f : List.of("known_hosts", "wrong_known_hosts", "empty_known_hosts", "authorized_keys")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + innerAddress + ":22",
                "HostKey " + dir.resolve("host_key"),
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding local",
                "StrictModes no",
                "UsePAM no",
                "") );
        Path run = Path.of("/run/sshd");
        if (!Files.isDirectory(run)) {
            Files.createDirectories(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            createdRunSshd = true;
        }
        run("ip", "netns", "add", netns);
        run("ip", "link", "add", vethOut, "type", "veth", "peer", "name", vethIn);
        run("ip", "link", "set", vethIn, "netns", netns);
        run("ip", "addr", "add", outerAddress + "/30", "dev", vethOut);
        run("ip", "link", "set", vethOut, "up");
        run("ip", "netns", "exec", netns, "ip", "addr", "add", innerAddress + "/30", "dev", vethIn);
        run("ip", "netns", "exec", netns, "ip", "link", "set", vethIn, "up");
        run("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");
        // the echo answers each connection once; it stops by itself after 300 s at the latest
        processes.add(spawn("ip", "netns", "exec", netns, "python3", "-c", String.join("\n",
                "import socket, time",
                "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                "s.bind(('127.0.0.1', " + ECHO_PORT + ")); s.listen(8); s.settimeout(5); end = time.time() + 300",
                "while time.time() < end:",
                "    try: c, _ = s.accept()",
                "    except socket.timeout: continue",
                "    c.settimeout(10); d = c.recv(4096); c.sendall(d); c.close()")));
        processes.add(spawn("ip", "netns", "exec", netns, "/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString()));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(listeners().contains(innerAddress + ":22") && listeners().contains("127.0.0.1:" + ECHO_PORT))) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a lab host process ended: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("sshd and the echo did not listen within 10 s: " + listeners());
            }
            Thread.sleep(100);
        }
    }

    /** @return the local address:port of every TCP listener in the namespace ({@code ss -ltn}) */
    List<String> listeners() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (String line : run("ip", "netns", "exec", netns, "ss", "-Hltn").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4) {
                out.add(f[3]);
            }
        }
        return out;
    }

    /** @return the SHA256 fingerprint of a public key file, as ssh-keygen prints it */
    String fingerprint(String pub) throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve(pub).toString()).split("\\s+")[1];
    }

    private void keygen(String name) throws IOException, InterruptedException {
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", name, "-f", dir.resolve(name).toString());
        Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-------"));
    }

    private Process spawn(String... cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": no answer within 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
        }
        return out;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            run("ip", "netns", "del", netns);
        } catch (IOException | InterruptedException e) {
            // not created
        }
        try {
            run("ip", "link", "del", vethOut);
        } catch (IOException | InterruptedException e) {
            // gone with the namespace
        }
        if (createdRunSshd) {
            Path.of("/run/sshd").toFile().delete();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // nothing left to delete
        }
    }
}
