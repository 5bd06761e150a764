package io.tapsteer.rss;

import io.tapsteer.api.steering.RssConfig;
import java.util.Arrays;
import java.util.Locale;

/**
 * An indirection table as ethtool {@code -X} describes one: {@code default}, {@code equal N} or
 * {@code weight W0 W1 ...}, optionally with {@code start N} (the first queue used) and
 * {@code size N} (slots, a power of two; default {@value #DEFAULT_SIZE}).
 *
 * <p>{@code default} spreads all queues equally and is re-spread when the queue count changes;
 * {@code equal} and {@code weight} are user tables, kept as they are and refused when they no
 * longer fit the queues (as the kernel refuses to shrink channels under a configured table).
 *
 * @param size table slots
 * @param start first queue
 * @param equal queues for {@code equal}, 0 otherwise
 * @param weights weights for {@code weight}, empty otherwise
 */
public record TableSpec(int size, int start, int equal, int[] weights) {
    /** Slots of a table when {@code size} is not given. */
    public static final int DEFAULT_SIZE = 128;
    private static final String GRAMMAR = "[size N] [start N] (default | equal N | weight W0 W1 ...)";

    /** Keeps its own copy of the weights. */
    public TableSpec {
        weights = weights.clone();
    }

    /** @return a copy of the weights */
    @Override
    public int[] weights() {
        return weights.clone();
    }

    /** @return the default table of {@value #DEFAULT_SIZE} slots */
    public static TableSpec defaults() {
        return new TableSpec(DEFAULT_SIZE, 0, 0, new int[0]);
    }

    /**
     * @param text for example {@code "equal 4"}, {@code "start 2 equal 2"}, {@code "weight 1 2 1"},
     *        {@code "size 256 default"}; blank means default
     * @throws IllegalArgumentException saying what was wrong and what is allowed
     */
    public static TableSpec parse(String text) {
        String[] t = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        int size = DEFAULT_SIZE;
        int start = -1;
        int equal = 0;
        int[] weights = new int[0];
        boolean kind = false;
        for (int i = 0; i < t.length && !t[i].isEmpty(); i++) {
            switch (t[i]) {
                case "size" -> size = number(t, ++i, "size");
                case "start" -> start = number(t, ++i, "start");
                case "default" -> kind = once(kind, text);
                case "equal" -> {
                    kind = once(kind, text);
                    equal = number(t, ++i, "equal");
                    if (equal < 1) {
                        throw new IllegalArgumentException("equal " + equal + ": spread over at least 1 queue");
                    }
                }
                case "weight" -> {
                    kind = once(kind, text);
                    int n = 0;
                    while (i + 1 + n < t.length && t[i + 1 + n].matches("\\d+")) {
                        n++;
                    }
                    weights = new int[n];
                    for (int k = 0; k < n; k++) {
                        weights[k] = number(t, ++i, "weight");
                    }
                    if (Arrays.stream(weights).asLongStream().sum() == 0) {
                        throw new IllegalArgumentException("weight needs at least one non-zero weight, as in 'weight 1 1 2'");
                    }
                }
                default -> throw new IllegalArgumentException("indirection table '" + text + "': unknown word '" + t[i]
                        + "'; allowed is " + GRAMMAR);
            }
        }
        if (start >= 0 && equal == 0 && weights.length == 0) {
            throw new IllegalArgumentException("indirection table '" + text + "': start needs equal or weight; allowed is " + GRAMMAR);
        }
        TableSpec spec = new TableSpec(size, Math.max(0, start), equal, weights);
        spec.check();
        return spec;
    }

    private static boolean once(boolean seen, String text) {
        if (seen) {
            throw new IllegalArgumentException("indirection table '" + text
                    + "': give one of default, equal, weight; allowed is " + GRAMMAR);
        }
        return true;
    }

    private static int number(String[] t, int i, String word) {
        if (i >= t.length) {
            throw new IllegalArgumentException(word + " needs a number after it; allowed is " + GRAMMAR);
        }
        try {
            int v = Integer.parseInt(t[i]);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(word + " '" + t[i] + "' is not a number 0 or more; allowed is " + GRAMMAR);
        }
    }

    private void check() {
        if (size < 1 || size > RssConfig.MAX_TABLE || (size & (size - 1)) != 0) {
            throw new IllegalArgumentException("indirection table size " + size + " is not allowed: use a power of two from 1 to "
                    + RssConfig.MAX_TABLE);
        }
        long sum = Arrays.stream(weights).asLongStream().sum();
        if (sum > size) {
            throw new IllegalArgumentException("total weight " + sum + " exceeds the table size " + size
                    + ": use smaller weights or a larger size");
        }
    }

    /** @return whether this is a user table (equal or weight), not the re-spread default */
    public boolean user() {
        return equal > 0 || weights.length > 0;
    }

    /** @return queues the table needs: one more than its highest entry (0 for default) */
    public int queuesNeeded() {
        return equal > 0 ? start + equal : weights.length > 0 ? start + weights.length : 0;
    }

    /**
     * @param queues the device's queues (used by the default table only)
     * @return the table's entries
     */
    public int[] build(int queues) {
        int[] t = new int[size];
        if (equal > 0) {
            for (int i = 0; i < size; i++) {
                t[i] = start + i % equal;
            }
        } else if (weights.length > 0) {
            // like ethtool: slot i goes to the first queue whose cumulative weight share passes i
            long sum = Arrays.stream(weights).asLongStream().sum();
            long partial = 0;
            int j = -1;
            for (int i = 0; i < size; i++) {
                while (i >= size * partial / sum) {
                    partial += weights[++j];
                }
                t[i] = start + j;
            }
        } else {
            return RssConfig.equalTable(size, queues);
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (size != DEFAULT_SIZE) {
            b.append("size ").append(size).append(' ');
        }
        if (user() && start > 0) {
            b.append("start ").append(start).append(' ');
        }
        if (equal > 0) {
            b.append("equal ").append(equal);
        } else if (weights.length > 0) {
            b.append("weight");
            for (int w : weights) {
                b.append(' ').append(w);
            }
        } else {
            b.append("default");
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableSpec s && s.size == size && s.start == start && s.equal == equal
                && Arrays.equals(s.weights, weights);
    }

    @Override
    public int hashCode() {
        return size * 31 + start * 7 + equal + Arrays.hashCode(weights);
    }
}
