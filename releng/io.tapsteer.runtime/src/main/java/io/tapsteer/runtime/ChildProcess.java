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
        return java(java, Runtime.version().feature());
    }

    /**
     * @param java a java command
     * @param feature its Java release (17, 25, ...): the options depend on it
     * @return the command, with the options a tapsteer JVM of that release gets
     */
    static List<String> java(String java, int feature) {
        List<String> cmd = new ArrayList<>(List.of(java));
        // JNA and SWT load native code: Java 24+ warns about that unless it is allowed (17 to 23
        // accept the option too). Felix reads a field through sun.misc.Unsafe, which Java 24+ warns
        // about at every start; the option that allows it exists since Java 23.
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (feature >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        return cmd;
    }

    /** Runs {@code command} in {@code dir} on this process's terminal and returns its exit code. */
    static int run(List<String> command, Path dir) throws IOException, InterruptedException {
        return run(command, dir, null);
    }

    /**
     * As {@link #run(List, Path)}; with {@code lines} not null, the child's output is passed on
     * line by line as it comes and each line is also handed to {@code lines}.
     */
    static int run(List<String> command, Path dir, java.util.function.Consumer<String> lines) throws IOException, InterruptedException {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
            if (lines != null) {
                pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
            }
            p = pb.start();
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
        if (lines != null) {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println(line);
                    lines.accept(line);
                }
            }
        }
        int status = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        return status;
    }
}
