package io.tapsteer.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the headless runtime ({@code ./tapsteer run|shell|demo}).
 *
 * <pre>
 * Launcher run                 the runtime as a service: conf/ and deploy/ watched, commands
 *                              accepted on the runtime's shell socket, until SIGTERM/SIGINT
 * Launcher shell               an interactive Gogo shell in a runtime of its own
 * Launcher exec [--embedded] "CMD; CMD"
 *                              runs commands in the running service, or (none running, or
 *                              --embedded) in a runtime started for them; exit code 0 when every
 *                              command succeeded, 1 when one failed
 * </pre>
 *
 * System property {@code tapsteer.home}: the runtime home (conf/, deploy/, run/, cache/);
 * {@code tapsteer.bundles}: the folder of bundles to install.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * @param args the mode and its arguments
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("tapsteer.home", "runtime")).toAbsolutePath().normalize();
        Path bundles = Path.of(System.getProperty("tapsteer.bundles", home.resolve("bundle").toString())).toAbsolutePath();
        String mode = args.length == 0 ? "shell" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            RuntimeHome.prepare(home);
            Leftovers.sweep(home);
        } catch (RuntimeHome.UnsafeHomeException e) {
            System.err.println("tapsteer: " + e.getMessage());
            System.exit(2);
        }
        int status;
        switch (mode) {
            case "run" -> status = new FelixRuntime(home, bundles, false).serve(home.resolve("run/shell.sock"));
            case "shell" -> status = new FelixRuntime(home, bundles, true).interactive();
            case "exec" -> status = exec(home, bundles, rest);
            default -> {
                System.err.println("tapsteer: unknown runtime mode '" + mode + "': use run, shell or exec");
                status = 2;
            }
        }
        System.exit(status);
    }

    private static int exec(Path home, Path bundles, List<String> args) throws Exception {
        boolean embedded = !args.isEmpty() && args.get(0).equals("--embedded");
        List<String> commands = embedded ? args.subList(1, args.size()) : args;
        if (commands.isEmpty()) {
            System.err.println("tapsteer: no command given: use shell -c \"CMD; CMD\"");
            return 2;
        }
        String script = String.join(" ", commands);
        Path service = home.resolve("run/shell.sock");
        if (!embedded && ShellClient.answers(service)) {
            return ShellClient.run(service, script);
        }
        String stale = embedded ? null : Leftovers.staleServiceSocket(service);
        if (stale != null) {
            System.err.println("tapsteer: " + stale);
        }
        Path socket = home.resolve("run/exec-" + ProcessHandle.current().pid() + ".sock");
        return new FelixRuntime(home, bundles, false).execute(socket, script);
    }
}
