package io.tapsteer.ui.internal;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.RssSettings;
import io.tapsteer.rss.TableSpec;
import java.util.HexFormat;

/**
 * The RSS editor's text fields turned into an {@link RssConfig}, or into one sentence saying what is
 * wrong and what is allowed. The table is written as ethtool does ({@code equal N},
 * {@code weight W0 W1 ...}, {@code default}, optionally with {@code start S}) and is read and
 * spread by the rss bundle's own {@link TableSpec} and {@link RssSettings}: the editor checks and
 * explains exactly the configuration the "rss" strategy will run.
 *
 * @param config the configuration for the device's queues, or null when the input is invalid
 * @param settings the settings as the "rss" strategy's configuration takes them, or null
 * @param error why the input is invalid, or "" when it is valid
 */
public record RssForm(RssConfig config, RssSettings settings, String error) {

    /**
     * @param hashTypes mask of the ticked hash types
     * @param keyHex the key as hex (spaces and colons allowed)
     * @param tableSize slots, a power of two
     * @param tableSpec {@code equal N}, {@code weight W...} or {@code default}, optionally with {@code start S}
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
            TableSpec table = TableSpec.parse("size " + size + " " + tableSpec.strip());
            RssSettings settings = new RssSettings(key, hashTypes, table, unclassifiedQueue);
            return new RssForm(settings.configFor(queues), settings, "");
        } catch (IllegalArgumentException e) {
            return new RssForm(null, null, e.getMessage());
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
            int n = Integer.parseInt(text.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.bind(Messages.Rss_notANumber, field, text.strip()));
        }
    }
}
