package io.tapsteer.runtime;

import java.nio.file.Path;

/** Commands run in the headless runtime: in the running service, or in a runtime started for them. */
final class RuntimeCommands {
    private RuntimeCommands() {
    }

    /**
     * Runs {@code script} in the running service ({@code ./tapsteer run}) or, with none running, in a
     * runtime of its own.
     *
     * @return 0 when every command succeeded, 1 when one failed
     */
    static int execute(Layout layout, String script) throws Exception {
        Path service = Launcher.serviceSocket(layout);
        if (ShellClient.answers(service)) {
            return ShellClient.run(service, script);
        }
        String stale = Leftovers.staleServiceSocket(service);
        if (stale != null) {
            System.err.println("tapsteer: " + stale);
        }
        return embedded(layout, script);
    }

    /** Runs {@code script} in a runtime started for it, stopped after it. */
    static int embedded(Layout layout, String script) throws Exception {
        Path socket = layout.home().resolve("run/exec-" + ProcessHandle.current().pid() + ".sock");
        return new FelixRuntime(layout.home(), layout.bundles()).execute(socket, script);
    }
}
