package io.tapsteer.runtime;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code ./tapsteer}: the script finds a JVM, builds what is stale and runs this class
 * with the command line; every command, its options and its errors are here ({@link Usage} lists
 * them). {@code demo}, {@code shell} and {@code run} start the headless runtime (Felix) in this JVM;
 * {@code probe} runs the tap binding's probe in it; {@code gui} and {@code bench} start programs of
 * their own. {@code test} is the script's own: it installs packages and builds before any of this
 * exists.
 *
 * <p>System properties (set by the script): {@code tapsteer.root} the repository, {@code tapsteer.home}
 * the runtime home (conf/, deploy/, run/, cache/), {@code tapsteer.bundles} the bundles to install.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * @param args the command and its arguments
     */
    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = run(Layout.fromSystemProperties(), Arrays.asList(args));
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("tapsteer: " + e.getMessage());
            }
            status = e.status();
        } catch (Exception | Error e) {
            // the framework's threads would keep the JVM alive after main threw: end it, saying why
            System.err.println("tapsteer: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(Layout layout, List<String> args) throws Exception {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        return switch (command) {
            case "help", "-h", "--help" -> {
                System.out.print(Usage.TEXT);
                yield 0;
            }
            case "demo" -> demo(layout, rest);
            case "shell" -> shell(layout, rest);
            case "run" -> {
                if (!rest.isEmpty()) {
                    throw new UsageException("run takes no options, got '" + rest.get(0) + "': use ./tapsteer run (TAPSTEER_HOME moves runtime/)");
                }
                prepare(layout, "run");
                yield new FelixRuntime(layout.home(), layout.bundles()).serve(serviceSocket(layout));
            }
            case "probe" -> ProbeCommand.run(layout, rest);
            case "gui" -> GuiCommand.run(layout, rest);
            case "bench" -> BenchCommand.run(layout, rest);
            case "test" -> throw new UsageException("test runs from the ./tapsteer script itself: ./tapsteer test");
            default -> throw Usage.unknownCommand(command);
        };
    }

    /** Refuses a command that needs a newer Java than this JVM. */
    static void needJava(int min) throws UsageException {
        int v = Runtime.version().feature();
        if (v < min) {
            String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
            throw new UsageException(java + " is Java " + v + "; this command needs Java " + min
                    + " or newer: choose one with --java PATH or TAPSTEER_JAVA");
        }
    }

    /** A private namespace, a multiqueue tap, lab traffic: {@code lab:demo} in a runtime of its own. */
    private static int demo(Layout layout, List<String> args) throws Exception {
        prepare(layout, "demo");
        if (args.contains("--vm")) {
            // --vm boots a real guest: QEMU, and the packages its image is built from
            Host.needPackages(layout, "qemu-system-x86_64:qemu-system-x86", "busybox:busybox-static", "gcc:gcc", "nsenter:util-linux",
                    "ip:iproute2");
        }
        // Its own runtime, so Ctrl-C stops exactly the demo: the JVM's shutdown stops the framework,
        // which closes the tap and the private namespace. lab:demo checks its own options.
        StringBuilder script = new StringBuilder("lab:demo");
        if (Host.stdoutIsTerminal()) {
            script.append(" --redraw");
        }
        for (String a : args) {
            script.append(" \"").append(a.replace("\"", "\\\"")).append('"'); // quoted for Gogo: reaches lab:demo unchanged
        }
        return RuntimeCommands.embedded(layout, script.toString());
    }

    private static int shell(Layout layout, List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("-c")) {
            String script = String.join(" ", args.subList(1, args.size()));
            if (script.isBlank()) {
                throw new UsageException("shell -c needs commands: ./tapsteer shell -c \"tap:list; rss:hash 192.0.2.1 192.0.2.2\"");
            }
            prepare(layout, "shell");
            return RuntimeCommands.execute(layout, script);
        }
        if (!args.isEmpty()) {
            throw new UsageException("unknown shell option '" + args.get(0) + "': use ./tapsteer shell, or ./tapsteer shell -c \"CMD; CMD\"");
        }
        prepare(layout, "shell");
        return new FelixRuntime(layout.home(), layout.bundles())
                .interactive(layout.home().resolve("run/exec-" + ProcessHandle.current().pid() + ".sock"));
    }

    /** Checks the capabilities, then makes and checks the runtime home and sweeps what killed runtimes left. */
    private static void prepare(Layout layout, String command) throws Exception {
        Host.needNetAdmin(command);
        try {
            RuntimeHome.prepare(layout.home());
            Leftovers.sweep(layout.home());
        } catch (RuntimeHome.UnsafeHomeException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Path serviceSocket(Layout layout) {
        return layout.home().resolve("run/shell.sock");
    }
}
