package io.tapsteer.ui.internal;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.RssInput;
import io.tapsteer.rss.RssSettings;
import io.tapsteer.rss.TableSpec;

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
     * @param keyHex the key in a form {@link RssInput#key} accepts (plain hex, or bytes between colons or spaces)
     * @param tableSize slots, a power of two
     * @param tableSpec {@code equal N}, {@code weight W...} or {@code default}, optionally with {@code start S}
     * @param unclassified the unclassified queue
     * @param queues attached queues of the device
     * @return the parsed form
     */
    public static RssForm parse(int hashTypes, String keyHex, String tableSize, String tableSpec, String unclassified,
            int queues) {
        try {
            byte[] key = RssInput.key(keyHex);
            // the size goes to TableSpec as rss:set size N does: the same words, the same messages
            String size = tableSize.strip();
            TableSpec table = TableSpec.parse(size.isEmpty() ? "size" : "size " + size + " " + tableSpec.strip());
            int unclassifiedQueue = RssInput.queue("unclassified queue", unclassified);
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
}
