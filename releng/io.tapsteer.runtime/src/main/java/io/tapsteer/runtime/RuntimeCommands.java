package io.tapsteer.runtime;

import java.nio.file.Path;

/** Commands run in the headless runtime: in the running service, or in a runtime started for them. */
final class RuntimeCommands {
    /** Longest wait for a service that is starting or stopping. */
    static final long SERVICE_WAIT_SECONDS = 90;

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
        if (!awaitService(layout.home(), service)) {
            System.err.println("tapsteer: the service holds " + ServiceLock.file(layout.home()) + " but has not answered on "
                    + service + " for " + SERVICE_WAIT_SECONDS + " s: the commands were not run; see its console, or stop it");
            return 1;
        }
        if (ShellClient.answers(service)) {
            return ShellClient.run(service, script);
        }
        String stale = Leftovers.staleServiceSocket(service);
        if (stale != null) {
            System.err.println("tapsteer: " + stale);
        }
        return embedded(layout, script);
    }

    /**
     * Waits while a service is starting or stopping: it holds its lock but does not answer on its
     * socket (yet, or any more). The commands must run in that service once it is up, or in a runtime
     * of their own once it has ended, never in a second runtime beside it.
     *
     * @return false when the service still holds its lock without answering after the wait
     */
    private static boolean awaitService(Path home, Path service) throws Exception {
        boolean said = false;
        long deadline = System.nanoTime() + SERVICE_WAIT_SECONDS * 1_000_000_000L;
        while (!ShellClient.answers(service) && ServiceLock.heldByAnother(home)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (!said) {
                System.err.println("tapsteer: the service is starting or stopping; waiting for it (at most "
                        + SERVICE_WAIT_SECONDS + " s)");
                said = true;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Runs {@code script} in a runtime started for it, stopped after it. */
    static int embedded(Layout layout, String script) throws Exception {
        Path socket = layout.home().resolve("run/exec-" + ProcessHandle.current().pid() + ".sock");
        return new FelixRuntime(layout.home(), layout.bundles()).execute(socket, script);
    }
}
