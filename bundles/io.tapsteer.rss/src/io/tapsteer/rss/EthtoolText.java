package io.tapsteer.rss;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RSS configuration as text, in ethtool's conventions: the key as colon-separated hex
 * ({@code 6d:5a:56:da:...}), hash types as labels ({@code tcp4,udp4,ipv4}), and the output of
 * {@code ethtool -x} (indirection table, key, hash function), which {@link #parseIndirection}
 * reads back.
 */
public final class EthtoolText {
    private EthtoolText() {
    }

    /** @return the key as ethtool prints it: lower-case hex bytes separated by colons */
    public static String formatKey(byte[] key) {
        StringBuilder b = new StringBuilder(key.length * 3);
        for (int i = 0; i < key.length; i++) {
            b.append(i == 0 ? "" : ":").append(Character.forDigit(key[i] >> 4 & 0xf, 16)).append(Character.forDigit(key[i] & 0xf, 16));
        }
        return b.toString();
    }

    /**
     * Reads a key in any form {@link RssInput#key} accepts (ethtool's {@code 6d:5a:56:da}, plain
     * {@code 6d5a56da}, bytes separated by spaces).
     *
     * @param text the key
     * @return the key bytes
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static byte[] parseKey(String text) {
        return RssInput.key(text);
    }

    /**
     * @param text labels or names separated by commas or spaces ({@code "tcp4, udp4 ipv4"}),
     *        {@code "all"} or {@code "none"}
     * @return the mask
     * @throws IllegalArgumentException naming the unknown type and the allowed ones
     */
    public static int parseHashTypes(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return HashType.ALL;
        }
        if (t.isEmpty() || t.equals("none")) {
            return 0;
        }
        int mask = 0;
        for (String word : t.split("[,\\s]+")) {
            if (!word.isEmpty()) {
                mask |= HashType.parse(word).bit();
            }
        }
        return mask;
    }

    /** @return the mask as labels in virtio order, comma separated; "none" for 0 */
    public static String formatHashTypes(int mask) {
        StringBuilder b = new StringBuilder();
        for (HashType t : HashType.values()) {
            if ((mask & t.bit()) != 0) {
                b.append(b.length() == 0 ? "" : ",").append(t.label());
            }
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    /**
     * @param device the device name
     * @param queues the RX queue count
     * @param config the configuration
     * @return text laid out like {@code ethtool -x DEVICE}
     */
    public static String formatIndirection(String device, int queues, RssConfig config) {
        StringBuilder b = new StringBuilder();
        b.append("RX flow hash indirection table for ").append(device).append(" with ").append(queues).append(" RX ring(s):\n");
        int n = config.tableSize();
        for (int i = 0; i < n; i++) {
            if (i % 8 == 0) {
                b.append(String.format("%5d: ", i));
            }
            b.append(String.format(" %5d", config.slot(i)));
            if (i % 8 == 7 || i == n - 1) {
                b.append('\n');
            }
        }
        b.append("RSS hash key:\n").append(formatKey(config.key())).append('\n');
        b.append("RSS hash function:\n    toeplitz: on\n    xor: off\n    crc32: off\n");
        return b.toString();
    }

    /**
     * Reads {@code ethtool -x} output back.
     *
     * @return the table and key it shows
     * @throws IllegalArgumentException when the text has no table or a malformed line
     */
    public static Indirection parseIndirection(String text) {
        try {
            return readIndirection(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ethtool -x text has a number out of range (" + e.getMessage()
                    + "): slots and queues are 0 to 2147483647");
        }
    }

    private static Indirection readIndirection(String text) {
        List<Integer> entries = new ArrayList<>();
        byte[] key = null;
        int queues = -1;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("RX flow hash indirection table for ")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(" with (\\d+) RX ring").matcher(line);
                queues = m.find() ? Integer.parseInt(m.group(1)) : -1;
            } else if (line.equals("RSS hash key:") && i + 1 < lines.length) {
                key = parseKey(lines[++i]);
            } else if (line.matches("\\d+:(\\s+\\d+)+")) {
                String[] w = line.split(":?\\s+|:");
                int first = Integer.parseInt(w[0]);
                if (first != entries.size()) {
                    throw new IllegalArgumentException("ethtool -x line '" + line + "' starts at slot " + first
                            + " but " + entries.size() + " was expected");
                }
                for (int k = 1; k < w.length; k++) {
                    if (!w[k].isEmpty()) {
                        entries.add(Integer.parseInt(w[k]));
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no indirection table found: expected lines like '    0:      0     1 ...'");
        }
        return new Indirection(queues, entries.stream().mapToInt(Integer::intValue).toArray(), key);
    }

    /**
     * What {@code ethtool -x} shows.
     *
     * @param queues the RX ring count in the title, -1 when absent
     * @param table the indirection table
     * @param key the hash key, null when absent
     */
    public record Indirection(int queues, int[] table, byte[] key) {
    }
}
