package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the launcher runs in the foreground (the desktop application, the benchmarks, a package
 * install): on this terminal, to its end, its exit code the launcher's. When the launcher is asked
 * to stop (SIGTERM, or Ctrl-C, which the terminal also sends the program), it stops the program
 * first and waits for it, so nothing outlives {@code ./tapsteer}.
 */
final class ChildProcess {
    private ChildProcess() {
    }

    /** @return the java command this JVM runs on, with the options a tapsteer JVM gets */
    static List<String> java() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        // JNA and SWT load native code: Java 24+ warns about that unless it is allowed (17 to 23
        // accept the option too). Felix reads a field through sun.misc.Unsafe, which Java 24+ warns
        // about at every start; the option that allows it exists since Java 23.
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        return cmd;
    }

    /** Runs {@code command} in {@code dir} on this process's terminal and returns its exit code. */
    static int run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        } catch (IOException e) {
            throw new IOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Thread stop = new Thread(() -> {
            p.destroy();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }, "tapsteer-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        int status = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        return status;
    }
}
