package io.tapsteer.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the repository's {@code ./tapsteer} launcher as a user would, against a runtime home of the
 * test's own, on what the reactor just built (no rebuild).
 */
final class Tapsteer {
    /** The repository root (this module sits in releng/). */
    static final Path ROOT = Path.of(System.getProperty("tapsteer.root", "../..")).toAbsolutePath().normalize();

    /** What a finished command left. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;

    Tapsteer(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** Removes the test's runtime home. */
    void deleteHome() throws IOException {
        try (var files = Files.walk(home)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Starts {@code ./tapsteer args...} without waiting. */
    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("tapsteer").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().put("TAPSTEER_HOME", home.toString());
        pb.environment().put("TAPSTEER_NO_BUILD", "1");
        return pb.start();
    }

    /** A running {@code ./tapsteer run}, its stdout drained and its log (stderr) collected. */
    record Service(Process process, CompletableFuture<String> log) {
        /** Stops it with SIGTERM, as a service manager does; it must end within 30 s. */
        void stop() throws Exception {
            process.toHandle().destroy(); // SIGTERM; Process.destroy would also close the pipes the log is read from
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("./tapsteer run did not stop on SIGTERM");
            }
        }
    }

    /** Starts {@code ./tapsteer run} and waits (bounded) until its shell socket is there. */
    Service startService() throws Exception {
        Process p = start("run");
        drain(p.getInputStream());
        CompletableFuture<String> log = drain(p.getErrorStream());
        Path socket = home.resolve("run/shell.sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // answering, not only there: a killed runtime's socket stays until the next start replaces it
        while (!answers(socket) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!answers(socket)) {
            p.destroyForcibly();
            throw new AssertionError("./tapsteer run did not open its shell socket: " + log.getNow(""));
        }
        return new Service(p, log);
    }

    /** @return whether a runtime accepts connections on {@code socket} */
    static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code ./tapsteer args...} to its end (bounded). */
    Result run(long timeoutSeconds, String... args) throws Exception {
        Process p = start(args);
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("./tapsteer " + String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    /** {@code ./tapsteer shell -c script}. */
    Result shell(String script) throws Exception {
        return run(120, "shell", "-c", script);
    }

    /** {@code ./tapsteer shell -c script}, which must succeed. */
    String ok(String script) throws Exception {
        Result r = shell(script);
        if (r.exit() != 0) {
            throw new AssertionError("'" + script + "' failed: " + r);
        }
        return r.out();
    }

    /**
     * Runs {@code ./tapsteer shell -c command} every 250 ms until its output satisfies {@code done},
     * for at most 20 s (FileInstall scans conf/ and deploy/ every second).
     *
     * @return the output that satisfied it
     * @throws AssertionError when none did within the time
     */
    String awaitOk(String command, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String out = ok(command);
        while (!done.test(out) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            out = ok(command);
        }
        if (!done.test(out)) {
            throw new AssertionError(command + " did not change within 20 s: " + out);
        }
        return out;
    }

    /**
     * A thread per task for the readers of a process's streams: the common pool has a single worker
     * on a machine with two CPUs, and Java 21+ runs async tasks there, so a second reader would
     * wait for the first stream to end.
     */
    static final java.util.concurrent.Executor THREADS = task -> {
        Thread t = new Thread(task, "tapsteer-it-reader");
        t.setDaemon(true);
        t.start();
    };

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, THREADS);
    }

    /** Runs a host command (ip, nsenter) and returns its output; it must succeed. */
    static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> out = drain(p.getInputStream());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out.getNow(""));
        }
        return out.get(5, TimeUnit.SECONDS);
    }

    /**
     * The JVM the runtime is asked to run on (TAPSTEER_JAVA: a Java home or a java command), or
     * empty for the launcher's default (the JDK of the build).
     */
    static java.util.Optional<Path> chosenJava() {
        String j = System.getenv("TAPSTEER_JAVA");
        if (j == null || j.isBlank()) {
            return java.util.Optional.empty();
        }
        Path p = Path.of(j);
        return java.util.Optional.of(Files.isDirectory(p) ? p.resolve("bin/java") : p);
    }

    /** Skips the caller's tests, saying why, when the chosen JVM is not installed here. */
    static void assumeChosenJava() {
        chosenJava().ifPresent(j -> org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(j),
                "no Java at " + j + " (TAPSTEER_JAVA): the runs on that Java are skipped"));
    }

    /** @return whether this process may create taps and namespaces (CAP_NET_ADMIN) */
    static boolean netAdmin() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >> 12 & 1) == 1;
            }
        }
        return false;
    }
}
