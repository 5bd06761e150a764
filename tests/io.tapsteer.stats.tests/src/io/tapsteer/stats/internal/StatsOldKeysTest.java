package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.StatsConfig;
import io.tapsteer.api.stats.StatsService;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The stats keys are camelCase like every other configuration's; a {@code .cfg} written with the
 * dotted keys of earlier releases still works, through the real ConfigAdmin and DS, and the log names
 * each old key and the key to write instead.
 */
class StatsOldKeysTest {

    @Test
    void dottedKeysAreReadWithAWarningAndNewKeysWin() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(StatsComponent.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(StatsRig.CONTEXT, ConfigurationAdmin.class, null);
        cm.open();
        Configuration config = cm.waitForService(15_000).getConfiguration(StatsConfig.PID, "?");
        try {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put(StatsConfig.INTERVAL_MS, 250L);
            p.put("window.samples", "3");
            p.put("interval.ms", "500");
            config.update(p);
            StatsRig.awaitTrue(() -> Duration.ofMillis(750).equals(stats().window()), "a window of 3 samples of 250 ms");
            assertEquals(Duration.ofMillis(250), stats().interval(), "the camelCase key wins over the old one");
            assertTrue(warnings.contains("tapsteer: conf/io.tapsteer.stats.cfg: 'window.samples' is the old name of"
                    + " 'windowSamples': it is read for now; write 'windowSamples' instead"), warnings.toString());
            assertTrue(warnings.contains("tapsteer: conf/io.tapsteer.stats.cfg: 'interval.ms' is the old name of"
                    + " 'intervalMs', which is set too: 'interval.ms' is ignored; remove it"), warnings.toString());
        } finally {
            config.delete();
            log.removeHandler(h);
            cm.close();
        }
        StatsRig.awaitTrue(() -> Duration.ofSeconds(5).equals(stats().window()), "the default window back");
    }

    @Test
    void anOldKeyOfTheWrongTypeIsNamed() {
        StatsComponent.Config defaults = io.tapsteer.api.config.ConfigDefaults.of(StatsComponent.Config.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OldKeys.apply(defaults, Map.of("flows.enabled", "maybe"), w -> { }));
        assertEquals("conf/io.tapsteer.stats.cfg: flows.enabled = 'maybe' is not true or false", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OldKeys.apply(defaults, Map.of("top.flows", "ten"), w -> { }));
        assertEquals("conf/io.tapsteer.stats.cfg: top.flows = 'ten' is not a whole number of at most 2147483647", e.getMessage());
        assertEquals(Set.copyOf(StatsConfig.KEYS), Set.copyOf(OldKeys.RENAMED.values()), "every key has its old form");
        assertEquals("flowsHalfLifeS", OldKeys.RENAMED.get("flows.half.life.s"));
    }

    private static StatsService stats() {
        return StatsRig.await(StatsService.class, null);
    }
}
