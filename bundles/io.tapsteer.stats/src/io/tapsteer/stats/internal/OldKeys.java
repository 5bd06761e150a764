package io.tapsteer.stats.internal;

import io.tapsteer.api.config.ConfigDefaults;
import io.tapsteer.api.stats.StatsConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dotted stats keys of earlier releases ({@code interval.ms}), read so that existing
 * {@code conf/io.tapsteer.stats.cfg} files keep working: each is taken under its camelCase name
 * ({@code intervalMs}) when that name is not set too, and said once in a warning naming the key to
 * write instead. Where the camelCase key is set to other than its default too, it wins and the
 * warning says the old one is ignored. (Declarative Services passes every default as a component
 * property, so a camelCase key that holds its default cannot be told apart from one not written.)
 */
final class OldKeys {
    /** Old key to the key that replaced it. */
    static final Map<String, String> RENAMED = renamed();

    private static final StatsComponent.Config DEFAULTS = ConfigDefaults.of(StatsComponent.Config.class);

    private OldKeys() {
    }

    private static Map<String, String> renamed() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : StatsConfig.KEYS) {
            m.put(dotted(key), key);
        }
        return Map.copyOf(m);
    }

    /** @return {@code intervalMs} as {@code interval.ms} */
    static String dotted(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('.').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * @param c the configuration as Declarative Services built it from the new keys
     * @param props the configuration's properties, old keys among them
     * @param warn takes one sentence per old key found
     * @return {@code c} where no old key is set, else a configuration that reads each old key's value
     * @throws IllegalArgumentException naming an old key whose value does not fit its type
     */
    static StatsComponent.Config apply(StatsComponent.Config c, Map<String, ?> props, Consumer<String> warn) {
        Map<String, Object> taken = new LinkedHashMap<>();
        RENAMED.forEach((old, key) -> {
            if (!props.containsKey(old)) {
                return;
            }
            String file = "conf/" + StatsConfig.PID + ".cfg";
            if (props.containsKey(key) && !String.valueOf(props.get(key)).equals(defaultOf(key))) {
                warn.accept(file + ": '" + old + "' is the old name of '" + key + "', which is set too: '" + old
                        + "' is ignored; remove it");
                return;
            }
            warn.accept(file + ": '" + old + "' is the old name of '" + key + "': it is read for now; write '" + key
                    + "' instead");
            taken.put(key, convert(old, key, props.get(old)));
        });
        if (taken.isEmpty()) {
            return c;
        }
        Object proxy = Proxy.newProxyInstance(StatsComponent.Config.class.getClassLoader(),
                new Class<?>[] {StatsComponent.Config.class}, (self, m, args) -> {
                    Object v = taken.get(m.getName());
                    return v != null ? v : invoke(m, c, args);
                });
        return (StatsComponent.Config) proxy;
    }

    private static String defaultOf(String key) {
        try {
            return String.valueOf(StatsComponent.Config.class.getMethod(key).invoke(DEFAULTS));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("stats configuration has no element " + key, e);
        }
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** @return the value as the type the key's configuration element returns */
    private static Object convert(String old, String key, Object value) {
        Class<?> type;
        try {
            type = StatsComponent.Config.class.getMethod(key).getReturnType();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("stats configuration has no element " + key, e);
        }
        String text = String.valueOf(value).trim();
        if (type == boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException("conf/" + StatsConfig.PID + ".cfg: " + old + " = '" + text
                    + "' is not true or false");
        }
        try {
            long n = value instanceof Number num ? num.longValue() : Long.parseLong(text);
            if (type == long.class) {
                return n;
            }
            if (n != (int) n) {
                throw new NumberFormatException();
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("conf/" + StatsConfig.PID + ".cfg: " + old + " = '" + text
                    + "' is not a whole number" + (type == int.class ? " of at most 2147483647" : ""), e);
        }
    }
}
