package io.tapsteer.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in VMM (standin-vmm.c next to this class), built with gcc at test time and run as a
 * child process: it creates a multiqueue tap in a namespace, holds its queue fds and counts frames
 * per queue. Commands go over its stdin; closing it (or the test JVM dying) ends the process.
 */
public final class StandInVmm implements AutoCloseable {
    private static Path binary;
    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;
    /** The holder's queue fds, in kernel index order. */
    public final int[] fds;

    /** @return the built program, or null when no C compiler is installed */
    public static synchronized Path build() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path dir = Files.createTempDirectory("tapsteer-standin");
        dir.toFile().deleteOnExit();
        Path src = dir.resolve("standin-vmm.c");
        try (InputStream s = StandInVmm.class.getResourceAsStream("standin-vmm.c")) {
            if (s == null) {
                throw new AssertionError("standin-vmm.c is missing from the test bundle");
            }
            Files.write(src, s.readAllBytes());
        }
        Path exe = dir.resolve("standin-vmm");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        } catch (IOException noCompiler) {
            return null;
        }
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed on standin-vmm.c: " + log);
        }
        Files.deleteIfExists(src);
        exe.toFile().deleteOnExit();
        binary = exe;
        return exe;
    }

    /**
     * Starts the stand-in: it creates {@code tap} with {@code queues} queues in the namespace of
     * {@code netnsPath} and answers once it holds them.
     */
    public StandInVmm(Path exe, String netnsPath, String tap, int queues) throws IOException {
        process = new ProcessBuilder(exe.toString(), netnsPath, tap, Integer.toString(queues))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = process.getOutputStream();
        String[] ready = line().split(" ");
        if (!ready[0].equals("ready")) {
            throw new AssertionError("the stand-in VMM said " + String.join(" ", ready));
        }
        fds = Arrays.stream(ready, 1, ready.length).mapToInt(Integer::parseInt).toArray();
    }

    /** @return the stand-in's process id */
    public int pid() {
        return (int) process.pid();
    }

    /** @return frames the stand-in read per queue (kernel index order) */
    public long[] counts() throws IOException {
        String[] w = command("c").split(" ");
        return Arrays.stream(w, 1, w.length).mapToLong(Long::parseLong).toArray();
    }

    /** Makes the stand-in do what QEMU does on a guest queue-count change: TUNSETSTEERINGEBPF -1. */
    public void detachProgram() throws IOException {
        if (!command("d").equals("detached")) {
            throw new AssertionError("the stand-in could not detach the program");
        }
    }

    /**
     * Makes the stand-in do what QEMU does when the guest lowers its queue count: detach its last
     * queue (TUNSETQUEUE IFF_DETACH_QUEUE), then TUNSETSTEERINGEBPF -1.
     */
    public void dropAQueue() throws IOException {
        if (!command("q").startsWith("queues ")) {
            throw new AssertionError("the stand-in could not detach a queue");
        }
    }

    /**
     * Sends flows 0 .. flows-1 in chunks the queue rings hold, each drained by the stand-in before
     * the next (a busy machine must not make the rings overflow).
     *
     * @return frames per queue the stand-in read meanwhile
     */
    public long[] sendPaced(io.tapsteer.api.tap.TapService service, io.tapsteer.api.tap.TapDevice tap, int flows, int sequence)
            throws IOException, InterruptedException {
        long[] start = counts();
        for (int first = 0; first < flows; first += 256) {
            int n = Math.min(256, flows - first);
            long[] before = counts();
            if (LabTraffic.sendFlows(service, tap, first, n, sequence) != n) {
                throw new AssertionError("the lab could not send flows " + first + " to " + (first + n - 1));
            }
            awaitTotal(before, n);
        }
        long[] now = counts();
        for (int q = 0; q < now.length; q++) {
            now[q] -= start[q];
        }
        return now;
    }

    /** @return frames per queue once {@code total} more than {@code before} have arrived, or after 10 s */
    public long[] awaitTotal(long[] before, long total) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long[] now;
        do {
            now = counts();
            for (int q = 0; q < now.length; q++) {
                now[q] -= before[q];
            }
            if (Arrays.stream(now).sum() >= total) {
                return now;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return now;
    }

    private String command(String c) throws IOException {
        in.write((c + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        return line();
    }

    private String line() throws IOException {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String l = f.get(10, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("the stand-in VMM exited (exit " + process.waitFor() + ")");
            }
            return l;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stand-in VMM did not answer within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Ends the stand-in (its fds close, so its tap disappears) and waits for it. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** @return the counts as a list, for assertion messages */
    public static List<Long> asList(long[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
