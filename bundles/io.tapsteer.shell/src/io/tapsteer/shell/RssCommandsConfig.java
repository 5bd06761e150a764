package io.tapsteer.shell;

import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.rss.RssSettings;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The "rss" strategy's configuration ({@link RssStrategyConfig}) read and written through ConfigAdmin,
 * attribute by attribute in ethtool's conventions: {@code key}, {@code hashTypes}, {@code table},
 * {@code unclassifiedQueue}.
 */
final class RssCommandsConfig {
    /** The rss strategy's configuration PID. */
    static final String PID = RssStrategyConfig.PID;

    private RssCommandsConfig() {
    }

    /** The four attributes as text. */
    record Text(String key, String hashTypes, String table, int unclassifiedQueue) {
        /** The strategy's defaults. */
        static final Text DEFAULTS = new Text(RssStrategyConfig.DEFAULT_KEY, RssStrategyConfig.DEFAULT_HASH_TYPES,
                RssStrategyConfig.DEFAULT_TABLE, RssStrategyConfig.DEFAULT_UNCLASSIFIED_QUEUE);

        RssSettings settings() {
            return RssSettings.parse(key, hashTypes, table, unclassifiedQueue);
        }
    }

    static Text read(ConfigurationAdmin cm) throws IOException {
        Configuration c = cm.getConfiguration(PID, "?");
        Dictionary<String, Object> p = c.getProperties();
        if (p == null) {
            return Text.DEFAULTS;
        }
        Object q = p.get(RssStrategyConfig.UNCLASSIFIED_QUEUE);
        return new Text(str(p.get(RssStrategyConfig.KEY), Text.DEFAULTS.key()), str(p.get(RssStrategyConfig.HASH_TYPES), Text.DEFAULTS.hashTypes()),
                str(p.get(RssStrategyConfig.TABLE), Text.DEFAULTS.table()), q == null ? Text.DEFAULTS.unclassifiedQueue() : Integer.parseInt(q.toString()));
    }

    /** Validates {@code t} (bad input changes nothing) and writes it. */
    static void write(ConfigurationAdmin cm, Text t) throws IOException {
        t.settings();
        Configuration c = cm.getConfiguration(PID, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(RssStrategyConfig.KEY, t.key());
        p.put(RssStrategyConfig.HASH_TYPES, t.hashTypes());
        p.put(RssStrategyConfig.TABLE, t.table());
        p.put(RssStrategyConfig.UNCLASSIFIED_QUEUE, t.unclassifiedQueue());
        c.update(p);
    }

    private static String str(Object o, String absent) {
        return o == null ? absent : o instanceof String[] a ? String.join(",", List.of(a)) : o.toString();
    }
}
