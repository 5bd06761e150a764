package io.tapsteer.ui.internal;

import io.tapsteer.api.steering.RssConfig;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The RSS editor's text fields turned into an {@link RssConfig}, or into one sentence saying what is
 * wrong and what is allowed. The table is written as ethtool does: {@code equal N},
 * {@code weight W0 W1 ...}, either optionally followed by {@code start S}.
 *
 * @param config the configuration, or null when the input is invalid
 * @param error why the input is invalid, or "" when it is valid
 */
public record RssForm(RssConfig config, String error) {

    /**
     * @param hashTypes mask of the ticked hash types
     * @param keyHex the key as hex (spaces and colons allowed)
     * @param tableSize slots, a power of two
     * @param tableSpec {@code equal N} or {@code weight W...}, optionally with {@code start S}
     * @param unclassified the unclassified queue
     * @param queues attached queues of the device
     * @return the parsed form
     */
    public static RssForm parse(int hashTypes, String keyHex, String tableSize, String tableSpec, String unclassified,
            int queues) {
        try {
            byte[] key = key(keyHex);
            int size = number(tableSize, Messages.Rss_fieldTableSize);
            int unclassifiedQueue = number(unclassified, Messages.Rss_fieldUnclassified);
            int[] table = table(tableSpec, size, queues);
            RssConfig c = new RssConfig(key, hashTypes, table, unclassifiedQueue, true);
            c.validateFor(queues);
            return new RssForm(c, "");
        } catch (IllegalArgumentException e) {
            return new RssForm(null, e.getMessage());
        }
    }

    /** @return whether the input is valid */
    public boolean valid() {
        return config != null;
    }

    private static byte[] key(String text) {
        String hex = text.replaceAll("[\\s:]", "");
        if (hex.isEmpty()) {
            throw new IllegalArgumentException(Messages.Rss_keyEmpty);
        }
        if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException(Messages.bind(Messages.Rss_keyNotHex, text.strip()));
        }
        return HexFormat.of().parseHex(hex);
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.bind(Messages.Rss_notANumber, field, text.strip()));
        }
    }

    private static int[] table(String spec, int size, int queues) {
        if (size < 1 || size > RssConfig.MAX_TABLE || (size & (size - 1)) != 0) {
            throw new IllegalArgumentException(Messages.bind(Messages.Rss_tableSize, size, RssConfig.MAX_TABLE));
        }
        String[] words = spec.strip().toLowerCase(Locale.ROOT).split("\\s+");
        int start = 0;
        int end = words.length;
        if (end >= 2 && words[end - 2].equals("start")) {
            start = number(words[end - 1], "start");
            end -= 2;
        }
        int[] weights;
        if (end == 2 && words[0].equals("equal")) {
            int n = number(words[1], "equal");
            if (n < 1) {
                throw new IllegalArgumentException(Messages.bind(Messages.Rss_equalRange, n, queues));
            }
            weights = new int[n];
            java.util.Arrays.fill(weights, 1);
        } else if (end >= 2 && words[0].equals("weight")) {
            weights = new int[end - 1];
            for (int i = 1; i < end; i++) {
                weights[i - 1] = number(words[i], "weight");
                if (weights[i - 1] < 0) {
                    throw new IllegalArgumentException(Messages.bind(Messages.Rss_weightNegative, weights[i - 1]));
                }
            }
        } else {
            throw new IllegalArgumentException(Messages.bind(Messages.Rss_tableSpec, spec.strip()));
        }
        return spread(weights, start, size);
    }

    /** ethtool's spreading: slot i goes to the queue whose cumulative weight share covers i. */
    private static int[] spread(int[] weights, int start, int size) {
        long sum = 0;
        for (int w : weights) {
            sum += w;
        }
        if (sum == 0) {
            throw new IllegalArgumentException(Messages.Rss_weightZero);
        }
        int[] table = new int[size];
        if (allEqual(weights)) {
            for (int i = 0; i < size; i++) {
                table[i] = start + i % weights.length;
            }
            return table;
        }
        int slot = 0;
        long acc = 0;
        for (int q = 0; q < weights.length; q++) {
            acc += weights[q];
            long upTo = (acc * size + sum - 1) / sum;
            for (; slot < upTo && slot < size; slot++) {
                table[slot] = start + q;
            }
        }
        return table;
    }

    private static boolean allEqual(int[] w) {
        for (int x : w) {
            if (x != w[0]) {
                return false;
            }
        }
        return true;
    }
}
