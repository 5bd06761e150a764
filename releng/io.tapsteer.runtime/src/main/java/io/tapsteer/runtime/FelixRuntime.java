package io.tapsteer.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One Felix framework with the runtime's bundles. Each process gets its own bundle cache (under
 * cache/, removed on exit), so a service, a shell and short command runs can share one home.
 * FileInstall watches conf/ (configurations); conf/org.apache.felix.fileinstall-deploy.cfg adds
 * the deploy/ watcher that hot-deploys bundles.
 */
final class FelixRuntime {
    /** Framework property the shell endpoint listens on (read by io.tapsteer.shell). */
    static final String SOCKET = "tapsteer.shell.socket";
    private final Path home;
    private final Path bundles;
    /** The interactive shell's prompt, Gogo's. */
    static final String PROMPT = "g! ";
    private Framework framework;
    private Path cache;

    FelixRuntime(Path home, Path bundles) {
        this.home = home;
        this.bundles = bundles;
    }

    /** Runs until the framework stops (SIGTERM/SIGINT stop it). */
    int serve(Path socket) throws Exception {
        if (ShellClient.answers(socket)) {
            System.err.println("tapsteer: a runtime is already running on " + socket + ": stop it first");
            return 1;
        }
        try (ServiceLock lock = ServiceLock.take(home)) {
            if (lock == null) {
                System.err.println("tapsteer: another service of " + home + " is starting or stopping (it holds "
                        + ServiceLock.file(home) + "): stop it first");
                return 1;
            }
            Files.deleteIfExists(socket);
            start(socket);
            System.err.println("tapsteer: runtime up; conf/ and deploy/ in " + home + "; commands: ./tapsteer shell -c \"CMD\"");
            framework.waitForStop(0);
            return 0;
        }
    }

    /**
     * The interactive shell: reads this terminal line by line and runs each line through a private
     * shell socket, exactly as {@code shell -c} runs a script, so a bad argument is answered in
     * tapsteer's words here too. Ends on {@code exit} or end of input; Ctrl-C stops the running
     * command (a demo prints its summary) and returns to the prompt.
     */
    int interactive(Path socket) throws Exception {
        start(socket);
        try {
            awaitSocket(socket);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println("tapsteer shell: 'help' lists the commands (tap:, steer:, rss:, stats:, ebpf:, lab:); 'exit' or Ctrl-D ends it");
            while (true) {
                System.out.print(PROMPT);
                System.out.flush();
                String line = in.readLine();
                if (line == null) {
                    System.out.println();
                    return 0;
                }
                String command = line.strip();
                if (command.equals("exit") || command.equals("quit")) {
                    return 0;
                }
                if (!command.isEmpty()) {
                    ShellClient.run(socket, command);
                }
            }
        } finally {
            stop();
        }
    }

    /** Starts, runs one script through a private shell socket, stops. */
    int execute(Path socket, String script) throws Exception {
        start(socket);
        try {
            awaitSocket(socket);
            return ShellClient.run(socket, script);
        } finally {
            stop();
        }
    }

    private void start(Path socket) throws Exception {
        copyDefaultConfigurations();
        cache = home.resolve("cache/" + ProcessHandle.current().pid());
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put("tapsteer.home", home.toString());
        p.put("felix.fileinstall.dir", home.resolve("conf").toString());
        // FileInstall's working copies go into this process's cache (removed on exit, swept after a
        // kill), not into java.io.tmpdir, where every run would leave a directory behind
        p.put("tapsteer.cache", cache.toString());
        p.put("felix.fileinstall.tmpdir", cache.resolve("fileinstall-conf").toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.log.level", "1");
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "3");
        // Gogo's console never reads the terminal: the interactive shell's lines go through the shell socket.
        p.put("gosh.args", "--nointeractive");
        if (socket != null) {
            p.put(SOCKET, socket.toString());
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path: the Felix jar is missing from lib/"));
        framework = factory.newFramework(p);
        framework.init();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "tapsteer-shutdown"));
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars(bundles)) {
            installed.add(ctx.installBundle(jar.toUri().normalize().toString()));
        }
        // Deployed bundles are installed before start, with FileInstall's own location form, so a
        // short command run already sees them; FileInstall adopts them on its first scan.
        List<Bundle> deployed = new ArrayList<>();
        for (Path jar : jars(home.resolve("deploy"))) {
            try {
                deployed.add(ctx.installBundle(jar.toFile().toURI().normalize().toString()));
            } catch (BundleException e) {
                // one line, and the runtime starts without it: a broken jar must not stop the others
                System.err.println("tapsteer: " + home.relativize(jar) + " is not an OSGi bundle (" + rootMessage(e)
                        + "): skipped; deploy/ takes bundle jars with a MANIFEST.MF naming Bundle-SymbolicName");
            }
        }
        // Marked for start before the framework starts: they start with it, and the framework's
        // STARTED event (the shell socket waits for it) comes after all of them.
        framework.getBundleContext().addFrameworkListener(e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                Bundle b = e.getBundle();
                Throwable t = e.getThrowable();
                System.err.println("tapsteer: bundle " + (b == null ? "?" : b.getSymbolicName()) + ": "
                        + (t == null ? "error" : t.getMessage()));
            }
        });
        for (Bundle b : installed) {
            b.adapt(BundleStartLevel.class).setStartLevel(startLevel(b.getSymbolicName()));
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && !startedByItsUser(b.getSymbolicName())) {
                b.start();
            }
        }
        for (Bundle b : deployed) {
            b.adapt(BundleStartLevel.class).setStartLevel(startLevel(b.getSymbolicName()));
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    System.err.println("tapsteer: deploy bundle " + b.getSymbolicName() + " (" + b.getLocation() + ") did not start: "
                            + rootMessage(e));
                }
            }
        }
        framework.start();
    }

    /**
     * Start order: the runtime services first (SCR, ConfigAdmin, logging, the Gogo runtime), then
     * the application bundles, then the console and FileInstall, so the first command typed and
     * the first configuration read find every service.
     */
    private static int startLevel(String symbolicName) {
        if (symbolicName == null) {
            return 2;
        }
        return switch (symbolicName) {
            case "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.log", "org.apache.felix.metatype",
                    "org.apache.felix.gogo.runtime", "org.osgi.util.promise", "org.osgi.util.function",
                    "org.osgi.service.component" -> 1;
            case "org.apache.felix.gogo.shell", "org.apache.felix.fileinstall" -> 3;
            default -> 2;
        };
    }

    /**
     * The remote services provider listens as soon as it starts (on every address unless
     * configured): io.tapsteer.remote configures it for loopback and starts it, only when this
     * runtime exports or reaches a lab host.
     */
    private static boolean startedByItsUser(String symbolicName) {
        return "org.apache.aries.rsa.provider.fastbin".equals(symbolicName);
    }

    private void copyDefaultConfigurations() throws IOException {
        // The launcher has made and checked the home (RuntimeHome) before any runtime starts.
        // Default configurations ship next to bundle/; copy those the home does not have yet.
        Path defaults = bundles.getParent().resolve("conf");
        if (Files.isDirectory(defaults)) {
            try (Stream<Path> s = Files.list(defaults)) {
                for (Path f : s.toList()) {
                    Path to = home.resolve("conf").resolve(f.getFileName());
                    if (!Files.exists(to)) {
                        Files.copy(f, to);
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
                    }
                }
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + ": " + c.getMessage();
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static void awaitSocket(Path socket) throws InterruptedException {
        // Bounded: the endpoint opens its socket as soon as SCR activates it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the shell endpoint did not open " + socket + " within 30 s: is io.tapsteer.shell in bundle/?");
            }
            Thread.sleep(20);
        }
    }

    /** Stops the framework (idempotent; also the shutdown hook) and removes this process's cache. */
    synchronized void stop() {
        Framework f = framework;
        if (f == null) {
            return;
        }
        framework = null;
        try {
            f.stop();
            f.waitForStop(TimeUnit.SECONDS.toMillis(20));
        } catch (BundleException | InterruptedException e) {
            System.err.println("tapsteer: stopping the framework: " + e.getMessage());
        }
        deleteTree(cache);
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("tapsteer: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
