package io.tapsteer.remote.internal;

import java.io.ObjectInputFilter;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deserialization allow-list (JEP 290) of remote calls: what a lab host and a desktop send each
 * other is the tapsteer API's value types (stats snapshots, the tap inventory), strings, boxed
 * numbers, lists, maps, times, and the exceptions of the JDK and of the tapsteer API (a host's
 * refusal reaches the desktop as the host's own exception and words). Any other class in a remote payload is
 * refused before it is instantiated, and the refusal is logged. It is installed as the JVM's
 * serialization filter, because the remote services engine creates its object streams itself; a
 * class outside the list is refused only when the remote services engine reads it, so the rest of
 * the JVM deserializes as it would without tapsteer.
 */
public final class WireFilter implements ObjectInputFilter {
    /** Classes a remote payload may hold, by name (arrays of them and of primitives too). */
    static final Set<String> ALLOWED = Set.of(
            "io.tapsteer.api.stats.DeviceStats", "io.tapsteer.api.stats.QueueStats", "io.tapsteer.api.stats.CounterSnapshot",
            "io.tapsteer.api.stats.Rate", "io.tapsteer.api.stats.Balance", "io.tapsteer.api.stats.Balance$Verdict",
            "io.tapsteer.api.stats.FlowStats", "io.tapsteer.api.stats.KernelView", "io.tapsteer.api.stats.DropReason",
            "io.tapsteer.api.tap.KernelCounters", "io.tapsteer.api.tap.KernelQueueCounters",
            "io.tapsteer.api.inventory.HostTap", "io.tapsteer.api.inventory.TapHolder",
            "io.tapsteer.remote.SteeringSnapshot", "io.tapsteer.remote.SteeringSnapshot$Program",
            "io.tapsteer.remote.ShellOutput",
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Character",
            "java.lang.Number", "java.lang.Enum", "java.lang.StackTraceElement",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.Arrays$ArrayList", "java.util.CollSer",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
            "java.util.Collections$EmptyList", "java.util.Collections$SingletonList", "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$EmptyMap", "java.util.Collections$UnmodifiableMap", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.time.Ser", "java.time.Duration", "java.time.Instant",
            "org.osgi.framework.ServiceException");
    /** The package of the engine whose streams are checked. */
    /** The packages of tapsteer's API, whose exceptions carry a host's refusals. */
    private static final String API = "io.tapsteer.api.";
    private static final String ENGINE = "org.apache.aries.rsa.provider.fastbin.";
    private static final long MAX_DEPTH = 20;
    private static final long MAX_REFERENCES = 200_000;
    private static final long MAX_ARRAY = 1_000_000;
    private static final long MAX_BYTES = 64L << 20;
    private static final AtomicLong REFUSED = new AtomicLong();
    private static volatile String lastRefusal = "";

    WireFilter() {
    }

    /**
     * Installs the filter as the JVM's serialization filter, once.
     *
     * @throws IllegalStateException when the JVM already has another serialization filter (for
     *         example from {@code -Djdk.serialFilter}): remote calls are then not allowed at all
     */
    static synchronized void install() {
        ObjectInputFilter present = ObjectInputFilter.Config.getSerialFilter();
        if (present != null && present.getClass().getName().equals(WireFilter.class.getName())) {
            return;
        }
        if (present != null) {
            throw new IllegalStateException("this JVM already has a serialization filter (" + present
                    + ", from -Djdk.serialFilter or another library): tapsteer's remote services need their own allow-list "
                    + "and stay off; remove that filter to use lab hosts");
        }
        ObjectInputFilter.Config.setSerialFilter(new WireFilter());
    }

    /** @return how many remote payloads were refused since the JVM started */
    public static long refused() {
        return REFUSED.get();
    }

    /** @return the last refusal in words, "" when there was none */
    public static String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> c = info.serialClass();
        String limit = info.depth() > MAX_DEPTH ? "nested " + info.depth() + " deep (at most " + MAX_DEPTH + ")"
                : info.references() > MAX_REFERENCES ? "holds " + info.references() + " objects (at most " + MAX_REFERENCES + ")"
                : info.arrayLength() > MAX_ARRAY ? "holds an array of " + info.arrayLength() + " (at most " + MAX_ARRAY + ")"
                : info.streamBytes() > MAX_BYTES ? "is " + info.streamBytes() + " bytes (at most " + MAX_BYTES + ")" : null;
        if (limit == null && c == null) {
            return Status.UNDECIDED;
        }
        if (limit == null) {
            Class<?> e = c;
            while (e.isArray()) {
                e = e.getComponentType();
            }
            if (e.isPrimitive() || ALLOWED.contains(e.getName())
                    || Throwable.class.isAssignableFrom(e) && (e.getName().startsWith("java.") || e.getName().startsWith(API))) {
                return Status.ALLOWED;
            }
        }
        if (!readByEngine()) {
            return Status.UNDECIDED;
        }
        String why = limit != null ? "a remote payload " + limit
                : "a remote payload holds class " + c.getName() + ", which is not one of the value types lab hosts exchange "
                        + "(tapsteer's stats snapshots and tap inventory, strings, numbers, lists, maps, times, JDK and tapsteer API exceptions)";
        lastRefusal = why;
        REFUSED.incrementAndGet();
        System.err.println("tapsteer: remote call refused: " + why + "; nothing of it was used");
        return Status.REJECTED;
    }

    private static boolean readByEngine() {
        return StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().startsWith(ENGINE)));
    }
}
