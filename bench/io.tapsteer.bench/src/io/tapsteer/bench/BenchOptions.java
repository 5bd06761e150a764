package io.tapsteer.bench;

/**
 * What {@code ./tapsteer bench} was asked for, and the counts that follow from it. The quick mode
 * (tiny counts, one round) only proves that every pair produces a number; its figures mean nothing.
 *
 * @param quick tiny counts, one round
 * @param json print the JSON object as the last line of stdout
 * @param rounds rounds per pair (each round runs both sides, in alternating order)
 * @param only a regular expression: only pairs whose name matches run (null for all)
 */
public record BenchOptions(boolean quick, boolean json, int rounds, java.util.regex.Pattern only) {
    /** @return whether the pair of that name runs */
    public boolean runs(String pair) {
        return only == null || only.matcher(pair).matches();
    }

    /** Rounds run before the measured ones, figures dropped (JIT warm-up); none in quick mode. */
    public int warmUps() { return quick ? 0 : 1; }
    /** Frames the generator sends per RX measurement. */
    public int rxFrames() { return quick ? 20_000 : 2_000_000; }
    /** Frames written per TX measurement. */
    public int txFrames() { return quick ? 20_000 : 1_000_000; }
    /** Most seconds any one measurement may take (every traffic loop is bounded by count and time). */
    public int seconds() { return quick ? 5 : 10; }
    /**
     * Passes over the tuple set per Toeplitz measurement: about half a second of hashing per side, so
     * that a short burst of a neighbour's load on this machine does not decide a round.
     */
    public int hashPasses() { return quick ? 20 : 24_000; }
    /**
     * Passes over the 1024 frames per decision measurement: about half a second of deciding on the
     * Java side per round.
     */
    public int decisionPasses() { return quick ? 20 : 40_000; }
    /** Strategy swaps per swap-latency measurement. */
    public int swaps() { return quick ? 4 : 50; }

    /**
     * @param args {@code [--quick] [--json] [--rounds N] [--only REGEX]}
     * @return the options
     * @throws IllegalArgumentException naming the bad argument and what is allowed
     */
    public static BenchOptions parse(String... args) {
        boolean quick = false;
        boolean json = false;
        Integer rounds = null;
        java.util.regex.Pattern only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = true;
                case "--rounds" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--rounds needs a number from 1 to 100");
                    }
                    rounds = parseRounds(args[++i]);
                }
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--only needs a regular expression of pair names, e.g. 'rx-.*'");
                    }
                    only = parseOnly(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "': allowed are --quick, --json, --rounds N and --only REGEX");
            }
        }
        return new BenchOptions(quick, json, rounds != null ? rounds : quick ? 1 : 5, only);
    }

    private static java.util.regex.Pattern parseOnly(String s) {
        try {
            return java.util.regex.Pattern.compile(s);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("--only '" + s + "' is not a regular expression: " + e.getDescription());
        }
    }

    private static int parseRounds(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--rounds '" + s + "' must be a number from 1 to 100");
    }
}
