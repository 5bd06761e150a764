package io.tapsteer.rss.internal;

import io.tapsteer.api.config.ConfigDefaults;
import io.tapsteer.api.config.ConfigRefusals;
import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import io.tapsteer.rss.EthtoolText;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.RssSettings;
import io.tapsteer.rss.TableSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
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
@Component(service = {SteeringStrategy.class, ConfigRefusals.class}, configurationPid = RssStrategy.PID)
@SteeringStrategyService(name = RssEngine.NAME)
@Designate(ocd = RssStrategy.Config.class)
public final class RssStrategy implements SteeringStrategy, ConfigRefusals {
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

    private volatile RssSettings settings = RssSettings.defaults();
    private volatile Fitted[] fitted = new Fitted[CACHED_LANES];
    private volatile String lastError = "";
    /** Where the settings in force came from: {@code conf/NAME.cfg}, or the PID. */
    private volatile String source = "configuration " + PID;
    private final java.util.Set<QueueManager> managers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        String where = source(props);
        RssSettings next;
        try {
            next = settingsOf(props, where);
            fitsEveryDevice(next, where);
        } catch (IllegalArgumentException e) {
            lastError = e.getMessage();
            LOG.severe(() -> "tapsteer: " + e.getMessage() + "; the previous configuration stays (table " + settings.table() + ")");
            return;
        }
        apply(next);
        source = where;
        lastError = "";
    }

    /** @return where a configuration came from: {@code conf/NAME.cfg}, or its PID */
    private static String source(Map<String, ?> props) {
        Object file = props.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            return "conf/" + f.substring(f.lastIndexOf('/') + 1);
        }
        return "configuration " + PID;
    }

    /**
     * Reads the written configuration itself, so a value of the wrong type is refused in words
     * (naming the file and the property) instead of failing the component, which would remove the
     * strategy.
     *
     * @throws IllegalArgumentException naming the file, the property, what is wrong and what is allowed
     */
    private static RssSettings settingsOf(Map<String, ?> props, String where) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : Config.class.getDeclaredMethods()) {
            names.add(m.getName());
        }
        for (String k : new java.util.TreeSet<>(props.keySet())) {
            boolean framework = k.equals(SteeringStrategy.NAME) || k.startsWith("service.") || k.startsWith("component.") || k.startsWith("felix.") || k.startsWith("osgi.")
                    || k.startsWith(".") || k.endsWith(".target");
            if (!framework && !names.contains(k)) {
                throw new IllegalArgumentException(where + ": property '" + k + "' is unknown: allowed " + String.join(", ", names));
            }
        }
        Config d = ConfigDefaults.of(Config.class);
        String key = text(props, "key", d.key());
        String types = text(props, "hashTypes", d.hashTypes());
        String table = text(props, "table", d.table());
        Object u = props.get("unclassifiedQueue");
        int unclassified = d.unclassifiedQueue();
        if (u != null) {
            try {
                unclassified = u instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(u.toString().strip());
            } catch (NumberFormatException | ArithmeticException e) {
                unclassified = -1;
            }
            if (unclassified < 0) {
                throw new IllegalArgumentException(where + ": unclassifiedQueue '" + u + "' is not a queue number: allowed 0 to 255");
            }
        }
        checked(where, "key", key, () -> EthtoolText.parseKey(key));
        checked(where, "hashTypes", types, () -> EthtoolText.parseHashTypes(types));
        checked(where, "table", table, () -> TableSpec.parse(table));
        int q = unclassified;
        try {
            return RssSettings.parse(key, types, table, q);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, ?> props, String name, String otherwise) {
        Object v = props.get(name);
        return v == null ? otherwise : v.toString();
    }

    private static void checked(String where, String name, String value, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + name + " '" + value + "': " + e.getMessage(), e);
        }
    }

    /**
     * Refuses settings whose user table does not fit a device that steers with rss now: its frames
     * would all become fallbacks.
     */
    private void fitsEveryDevice(RssSettings next, String where) {
        for (QueueManager m : managers) {
            try {
                if (m.activeStrategy().equals(RssEngine.NAME)) {
                    next.configFor(m.lanes());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": table '" + next.table() + "' does not fit " + m.device().name() + ", which steers with rss: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                // a manager closing meanwhile has no say
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addManager(QueueManager m) {
        managers.add(m);
        String unfit = unfit(m);
        if (unfit != null) {
            LOG.severe("tapsteer: " + unfit);
        }
    }

    /**
     * A device that steers with rss while the settings in force do not fit its lanes (the settings
     * were taken before it started): every frame of it is a counted fallback.
     *
     * @return the sentence naming the file, the property, the device and what fits, or null
     */
    private String unfit(QueueManager m) {
        try {
            if (!m.activeStrategy().equals(RssEngine.NAME)) {
                return null;
            }
            Fitted f = fitted(m.lanes());
            return f.engine != null ? null : source + ": table '" + settings.table() + "' does not fit " + m.device().name()
                    + ", which steers with rss: " + f.error + "; its frames are counted fallbacks until the table fits";
        } catch (RuntimeException e) {
            return null; // a manager closing meanwhile has no say
        }
    }

    void removeManager(QueueManager m) {
        managers.remove(m);
    }

    @Override
    public List<String> refusals() {
        List<String> out = new java.util.ArrayList<>();
        String e = lastError;
        if (!e.isEmpty()) {
            out.add(e + "; the previous configuration stays");
        }
        for (QueueManager m : managers) {
            String unfit = unfit(m);
            if (unfit != null) {
                out.add(unfit);
            }
        }
        return out;
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
