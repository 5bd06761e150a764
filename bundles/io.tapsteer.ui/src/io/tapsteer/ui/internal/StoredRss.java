package io.tapsteer.ui.internal;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.rss.RssSettings;
import java.io.IOException;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The "rss" strategy's stored settings (ConfigAdmin PID {@value RssStrategyConfig#PID}: what the
 * Steering view's RSS editor applies and {@code rss:set} writes), for a tap of a given queue count;
 * the defaults while none are stored. Read, never created.
 */
final class StoredRss {
    private StoredRss() {
    }

    /**
     * @param cm ConfigAdmin, or null
     * @param queues the tap's attached queues
     * @throws IllegalArgumentException when the stored settings do not fit the tap (a table naming
     *         more queues than it has), in the rss bundle's words
     */
    static RssConfig forQueues(ConfigurationAdmin cm, int queues) {
        Dictionary<String, Object> p = null;
        if (cm != null) {
            try {
                Configuration[] found = cm.listConfigurations("(service.pid=" + RssStrategyConfig.PID + ")");
                p = found == null || found.length == 0 ? null : found[0].getProperties();
            } catch (IOException | InvalidSyntaxException e) {
                p = null; // unreadable: the defaults, as for a runtime that never stored any
            }
        }
        if (p == null) {
            return RssSettings.defaults().configFor(queues);
        }
        Object q = p.get(RssStrategyConfig.UNCLASSIFIED_QUEUE);
        return RssSettings.parse(text(p.get(RssStrategyConfig.KEY), RssStrategyConfig.DEFAULT_KEY),
                text(p.get(RssStrategyConfig.HASH_TYPES), RssStrategyConfig.DEFAULT_HASH_TYPES),
                text(p.get(RssStrategyConfig.TABLE), RssStrategyConfig.DEFAULT_TABLE),
                q == null ? RssStrategyConfig.DEFAULT_UNCLASSIFIED_QUEUE : Integer.parseInt(q.toString())).configFor(queues);
    }

    private static String text(Object o, String absent) {
        return o == null ? absent : o instanceof String[] a ? String.join(",", a) : o.toString();
    }
}
