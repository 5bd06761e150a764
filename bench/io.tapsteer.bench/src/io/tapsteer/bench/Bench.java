package io.tapsteer.bench;

import io.tapsteer.bench.internal.BenchTap;
import io.tapsteer.bench.internal.CBaselines;
import io.tapsteer.bench.internal.Pair;
import io.tapsteer.bench.internal.Pairs;
import io.tapsteer.bench.internal.WhatIfBench;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./tapsteer bench [--quick] [--json] [--rounds N]}: compiles the C baselines, makes one tap in
 * a private namespace, runs every pair for several rounds (both sides back to back, alternating which
 * goes first), prints the table, and with --json the JSON object as the last line of stdout.
 * Progress goes to stderr. Benchmarks print numbers; they assert nothing about time.
 */
public final class Bench {
    private Bench() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param options what to run
     * @param log where progress goes
     * @return the results
     */
    public static BenchReport run(BenchOptions options, PrintStream log) {
        BenchReport report = new BenchReport(header(options));
        try (CBaselines c = CBaselines.compile(); BenchTap tap = BenchTap.open("bench");
                WhatIfBench whatIf = new WhatIfBench(options.quick() ? 20_000 : 1_000_000)) {
            log.println("tapsteer bench: tap " + tap.name() + " in a private namespace; C baselines compiled with gcc "
                    + String.join(" ", CBaselines.CFLAGS));
            List<Pair> pairs = Pairs.all(tap, c, whatIf, options);
            pairs.removeIf(p -> !options.runs(p.result().name()));
            Pair.runAll(pairs, options.warmUps(), options.rounds(), log);
            for (Pair p : pairs) {
                report.add(p.result());
            }
        }
        return report;
    }

    private static String header(BenchOptions o) {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception e) {
            // the header is informative only
        }
        return String.format("tapsteer bench (%s, %d round%s): %s, %d CPUs, Java %s, kernel %s",
                o.quick() ? "quick: figures mean nothing" : "full", o.rounds(), o.rounds() == 1 ? "" : "s", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.version"));
    }

    /** Command line entry: exit 0 when the run completed, 1 when it could not run, 2 on bad arguments. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The command line without the exit: prints the table (and the JSON line) on {@code out}.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("tapsteer bench: " + e.getMessage());
            return 2;
        }
        BenchReport report;
        try {
            report = run(options, err);
        } catch (RuntimeException e) {
            err.println("tapsteer bench: " + e.getMessage());
            return 1;
        }
        out.print(report.table());
        if (options.json()) {
            out.println(report.json());
        }
        out.flush();
        return 0;
    }
}
