package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.NetNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The C baselines, shipped as sources in this bundle ({@code c/}) and compiled with gcc at bench
 * time into a temporary folder that {@link #close()} deletes. Programs that touch a tap run inside
 * its namespace through {@code nsenter --net=...}; every run is bounded in time and its process is
 * destroyed (by its own handle) when it overstays.
 */
public final class CBaselines implements AutoCloseable {
    /**
     * Compiler flags: the strongest plain ones. -O3 -funroll-loops lets gcc unroll the byte-table
     * Toeplitz loop (about 3x faster than -O2 here), as the JIT does; no -march, so the programs run
     * on any x86-64 the harness is copied to.
     */
    public static final List<String> CFLAGS = List.of("-O3", "-funroll-loops", "-pthread");
    private static final String[] SOURCES = {"tsb_common.h", "tsb_gen.c", "tsb_read.c", "tsb_write.c", "tsb_toeplitz.c",
        "tsb_decision.h", "tsb_decision_main.h", "tsb_decide.c", "tsb_decide_gfni.c"};
    private static final String[] PROGRAMS = {"tsb_gen", "tsb_read", "tsb_write", "tsb_toeplitz", "tsb_decide"};
    /** Where Debian's dpdk-dev puts the headers (the generic ones and the architecture's configuration). */
    private static final List<String> DPDK_INCLUDES = List.of("/usr/include/dpdk", "/usr/include/x86_64-linux-gnu/dpdk");

    private final Path dir;
    private String gfniUnavailable;
    private boolean gfniTried;

    private CBaselines(Path dir) {
        this.dir = dir;
    }

    /**
     * @return the compiled programs
     * @throws IllegalStateException when gcc is missing or a program does not compile, with gcc's output
     */
    public static CBaselines compile() {
        Path dir;
        try {
            dir = Files.createTempDirectory("tapsteer-bench-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a folder for the C baselines: " + e.getMessage(), e);
        }
        CBaselines c = new CBaselines(dir);
        try {
            for (String s : SOURCES) {
                try (InputStream in = CBaselines.class.getResourceAsStream("/c/" + s)) {
                    if (in == null) {
                        throw new IllegalStateException("C source c/" + s + " is missing from the bench bundle");
                    }
                    Files.copy(in, dir.resolve(s), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String p : PROGRAMS) {
                List<String> cmd = new ArrayList<>(List.of("gcc"));
                cmd.addAll(CFLAGS);
                cmd.addAll(List.of("-o", dir.resolve(p).toString(), dir.resolve(p + ".c").toString()));
                Output out = c.exec(cmd, 60);
                if (out.exit != 0) {
                    throw new IllegalStateException("gcc failed on " + p + ".c:\n" + out.text);
                }
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw new IllegalStateException("cannot compile the C baselines (is gcc installed?): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Compiles the GFNI programs (c/tsb_decide_gfni.c, c/tsb_toeplitz.c with -DTSB_GFNI) on first use: only where /proc/cpuinfo lists
     * GFNI and AVX-512 (compiled with -march=native), with DPDK's headers (Debian's dpdk-dev,
     * installed with apt-get when missing and running as root).
     *
     * @return why the GFNI program cannot run here, or null when it is compiled
     */
    public synchronized String gfniUnavailable() {
        if (gfniTried) {
            return gfniUnavailable;
        }
        gfniTried = true;
        gfniUnavailable = compileGfni();
        return gfniUnavailable;
    }

    private String compileGfni() {
        String flags = cpuFlags();
        for (String f : List.of("gfni", "avx512f", "avx512bw", "avx512vl")) {
            if (!(" " + flags + " ").contains(" " + f + " ")) {
                return "this CPU has no " + f.toUpperCase(java.util.Locale.ROOT) + " (/proc/cpuinfo), which DPDK's rte_thash_gfni needs";
            }
        }
        try {
            if (DPDK_INCLUDES.stream().noneMatch(d -> Files.exists(Path.of(d, "rte_thash_gfni.h")))) {
                if (!"root".equals(System.getProperty("user.name"))) {
                    return "DPDK's headers are missing: install Debian's dpdk-dev (apt-get install dpdk-dev) or run as root";
                }
                Output apt = exec(List.of("apt-get", "install", "-y", "-q", "dpdk-dev"), 600);
                if (apt.exit != 0 || DPDK_INCLUDES.stream().noneMatch(d -> Files.exists(Path.of(d, "rte_thash_gfni.h")))) {
                    return "apt-get install dpdk-dev failed, so DPDK's rte_thash_gfni is missing: " + lastLine(apt.text);
                }
            }
            String[][] programs = {{"tsb_decide_gfni", "tsb_decide_gfni.c"}, {"tsb_toeplitz_gfni", "tsb_toeplitz.c", "-DTSB_GFNI"}};
            for (String[] p : programs) {
                List<String> cmd = new ArrayList<>(List.of("gcc", "-O3", "-march=native", "-DALLOW_EXPERIMENTAL_API"));
                for (String d : DPDK_INCLUDES) {
                    cmd.add("-I" + d);
                }
                cmd.addAll(List.of(p).subList(2, p.length));
                cmd.addAll(List.of("-o", dir.resolve(p[0]).toString(), dir.resolve(p[1]).toString(), "-lrte_hash"));
                Output out = exec(cmd, 60);
                if (out.exit != 0) {
                    return "gcc could not compile DPDK's rte_thash_gfni (" + p[0] + ") here: " + lastLine(out.text);
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot compile DPDK's rte_thash_gfni: " + e.getMessage();
        }
    }

    private static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // no flags: the GFNI side says so
        }
        return "";
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** @return the path of a compiled program */
    public Path program(String name) {
        return dir.resolve(name);
    }

    /** @return the temporary folder (inputs for the programs may be written there) */
    public Path dir() {
        return dir;
    }

    /**
     * Runs a program to its end.
     *
     * @param ns the namespace to run in, or null for the harness's own
     * @param timeoutSeconds most seconds to wait
     * @return the {@code key=value} pairs of its last output line
     */
    public Map<String, Long> run(NetNamespace ns, int timeoutSeconds, String program, String... args) {
        Output out;
        try {
            out = exec(command(ns, program, args), timeoutSeconds);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + program + ": " + e.getMessage(), e);
        }
        if (out.exit != 0) {
            throw new IllegalStateException(program + " " + String.join(" ", args) + " failed (exit " + out.exit + "): " + out.text);
        }
        return values(out.text, program);
    }

    /**
     * Starts a program that prints {@code ready} once set up (the reader), and waits for that line.
     *
     * @return the running program
     */
    public Running start(NetNamespace ns, int readySeconds, String program, String... args) {
        try {
            Process p = new ProcessBuilder(command(ns, program, args)).redirectErrorStream(true).start();
            Running r = new Running(p, program);
            r.awaitLine("ready", readySeconds);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + program + ": " + e.getMessage(), e);
        }
    }

    private List<String> command(NetNamespace ns, String program, String... args) {
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.add("nsenter");
            cmd.add("--net=" + ns.path());
        }
        cmd.add(program(program).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Map<String, Long> values(String text, String program) {
        String[] lines = text.strip().split("\n");
        Map<String, Long> m = new HashMap<>();
        for (String kv : lines[lines.length - 1].trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), Long.parseUnsignedLong(kv.substring(eq + 1)));
            }
        }
        if (m.isEmpty()) {
            throw new IllegalStateException(program + " printed no results: " + text);
        }
        return m;
    }

    private record Output(int exit, String text) {
    }

    private Output exec(List<String> cmd, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(cmd.size() - 1) + " ran longer than " + timeoutSeconds + " s");
            }
            return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    /** A program started with {@link #start}; its output is collected line by line. */
    public static final class Running {
        private final Process process;
        private final String program;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder all = new StringBuilder();
        private final Thread pump;

        Running(Process process, String program) {
            this.process = process;
            this.program = program;
            pump = new Thread(this::pump, "tapsteer-bench-" + program + "-output");
            pump.setDaemon(true);
            pump.start();
        }

        private void pump() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output lost: " + e.getMessage());
            }
        }

        void awaitLine(String expected, int seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                while (System.nanoTime() < deadline) {
                    String l = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (l != null) {
                        all.append(l).append('\n');
                        if (l.equals(expected)) {
                            return;
                        }
                    } else if (!process.isAlive() && lines.isEmpty()) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not print '" + expected + "' within " + seconds + " s: " + all);
        }

        /** Waits for the end and returns the {@code key=value} pairs of the last line. */
        public Map<String, Long> finish(int timeoutSeconds) {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(program + " ran longer than " + timeoutSeconds + " s");
                }
                pump.join(2000); // the pump ends at end of output: it has taken the last line
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + program, e);
            }
            String l;
            while ((l = lines.poll()) != null) {
                all.append(l).append('\n');
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): " + all);
            }
            return values(all.toString(), program);
        }

        /** Ends the program if it still runs (by its own process handle). */
        public void kill() {
            process.destroyForcibly();
        }
    }

    /** Deletes the folder and everything compiled into it. */
    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
