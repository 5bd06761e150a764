package io.tapsteer.rss.internal;

import io.tapsteer.api.config.ConfigDefaults;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import io.tapsteer.rss.EthtoolText;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.RssSettings;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The "rss" steering strategy: software virtio-net RSS configured through ConfigAdmin (PID
 * {@value #PID}), changeable at run time. Its kernel form is {@link KernelProgram#rss} with the
 * configuration fitted to the device's queues.
 *
 * <p>Per frame it reads one volatile array and one engine: engines are made once per lane count
 * (a default table is spread over the lanes) and cached, so steady state allocates nothing. A bad
 * configuration is refused with its reason in {@link #lastError()}; the previous one stays in force.
 */
@Component(service = SteeringStrategy.class, configurationPid = RssStrategy.PID)
@SteeringStrategyService(name = RssEngine.NAME)
@Designate(ocd = RssStrategy.Config.class)
public final class RssStrategy implements SteeringStrategy {
    /** The ConfigAdmin PID. */
    public static final String PID = RssStrategyConfig.PID;
    private static final Logger LOG = Logger.getLogger(RssStrategy.class.getName());
    /** Lane counts cached: a tap has at most 256 queues. */
    private static final int CACHED_LANES = 257;

    /** RSS settings; every attribute is text in ethtool's conventions. */
    @ObjectClassDefinition(id = RssStrategy.PID, name = "tapsteer RSS strategy",
            description = "Software virtio-net RSS: Toeplitz hash over addresses and ports, indirection table, unclassified queue.")
    public @interface Config {
        /** @return the key */
        @AttributeDefinition(name = "Toeplitz key", description = "Hex bytes: colon-separated as ethtool hkey prints them, plain, or separated by spaces"
                + " (docs/rss.md); at least 40 bytes for the IPv6 types with ports, 12 + 4 for IPv4 with ports.")
        String key() default RssStrategyConfig.DEFAULT_KEY;

        /** @return the hash types */
        @AttributeDefinition(name = "Hash types", description = "Comma-separated: ipv4, tcp4, udp4, ipv6, tcp6, udp6, "
                + "ipv6ex, tcp6ex, udp6ex; or all, or none.")
        String hashTypes() default RssStrategyConfig.DEFAULT_HASH_TYPES;

        /** @return the table */
        @AttributeDefinition(name = "Indirection table", description = "As ethtool -X: [size N] [start N] "
                + "(default | equal N | weight W0 W1 ...). Size is a power of two up to 4096, default 128.")
        String table() default RssStrategyConfig.DEFAULT_TABLE;

        /** @return the unclassified queue */
        @AttributeDefinition(name = "Unclassified queue", description = "Queue for frames no enabled hash type covers (non-IP, malformed).", min = "0")
        int unclassifiedQueue() default RssStrategyConfig.DEFAULT_UNCLASSIFIED_QUEUE;
    }

    /** An engine for one lane count, or why there is none. */
    private record Fitted(RssEngine engine, String error) {
    }

    private volatile RssSettings settings = settingsOf(ConfigDefaults.of(Config.class));
    private volatile Fitted[] fitted = new Fitted[CACHED_LANES];
    private volatile String lastError = "";

    @Activate
    @Modified
    void configure(Config config) {
        try {
            apply(settingsOf(config));
            lastError = "";
        } catch (IllegalArgumentException e) {
            lastError = e.getMessage();
            LOG.warning(() -> "RSS configuration refused, keeping " + settings + ": " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException saying what is wrong and what is allowed */
    private static RssSettings settingsOf(Config c) {
        return RssSettings.parse(c.key(), c.hashTypes(), c.table(), c.unclassifiedQueue());
    }

    /** Puts new settings in force: later frames see them (one volatile write each). */
    public void apply(RssSettings next) {
        settings = next;
        fitted = new Fitted[CACHED_LANES];
    }

    /** @return the settings in force */
    public RssSettings settings() {
        return settings;
    }

    /** @return why the last configuration was refused, "" when it was accepted */
    public String lastError() {
        return lastError;
    }

    @Override
    public String name() {
        return RssEngine.NAME;
    }

    @Override
    public String description() {
        return "virtio-net RSS: Toeplitz over addresses and ports, types " + EthtoolText.formatHashTypes(settings.hashTypes())
                + ", table " + settings.table();
    }

    @Override
    public int select(Frame frame, int lanes) {
        RssEngine engine = engine(lanes);
        // no engine: the user table does not fit these lanes; an out-of-range lane is a counted fallback
        return engine == null ? lanes : engine.queueOf(frame);
    }

    /** The batch in one engine call: one engine look-up per batch, no per-frame strategy call. */
    @Override
    public void select(FrameBatch batch, int lanes, int[] lanesOut) {
        RssEngine engine = engine(lanes);
        if (engine == null) {
            Arrays.fill(lanesOut, 0, batch.size(), lanes); // as select(Frame, int): a counted fallback
            return;
        }
        engine.queuesOf(batch, lanesOut);
    }

    @Override
    public KernelProgram kernelProgram(int queues) {
        return KernelProgram.rss(settings.configFor(queues));
    }

    @Override
    public Explanation explain(Frame frame, int lanes) {
        Fitted f = fitted(lanes);
        if (f.engine == null) {
            return new Explanation(name(), "user", List.of(), -1, "none", -1, lanes, "not steered: " + f.error);
        }
        return f.engine.explain(frame);
    }

    /** @return the engine for {@code lanes}, null when the settings do not fit them */
    public RssEngine engine(int lanes) {
        return fitted(lanes).engine;
    }

    private Fitted fitted(int lanes) {
        Fitted[] cache = fitted;
        if (lanes >= 0 && lanes < cache.length) {
            Fitted f = cache[lanes];
            if (f == null) {
                f = fit(settings, lanes); // racing threads may both fit: same result, either is kept
                cache[lanes] = f;
            }
            return f;
        }
        return fit(settings, lanes);
    }

    private static Fitted fit(RssSettings s, int lanes) {
        try {
            return new Fitted(new RssEngine(s.configFor(lanes)), "");
        } catch (IllegalArgumentException e) {
            return new Fitted(null, e.getMessage());
        }
    }
}
