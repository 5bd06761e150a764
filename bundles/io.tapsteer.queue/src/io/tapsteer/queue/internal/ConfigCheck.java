package io.tapsteer.queue.internal;

import static io.tapsteer.api.queue.QueueManagerConfig.BATCH_IO;
import static io.tapsteer.api.queue.QueueManagerConfig.BUDGET;
import static io.tapsteer.api.queue.QueueManagerConfig.FRAME_BYTES;
import static io.tapsteer.api.queue.QueueManagerConfig.KERNEL_STEERING;
import static io.tapsteer.api.queue.QueueManagerConfig.KERNEL_STEERING_AUTO;
import static io.tapsteer.api.queue.QueueManagerConfig.KERNEL_STEERING_AUTOMQ;
import static io.tapsteer.api.queue.QueueManagerConfig.LANES;
import static io.tapsteer.api.queue.QueueManagerConfig.OFFLOADS;
import static io.tapsteer.api.queue.QueueManagerConfig.POOL_FRAMES;
import static io.tapsteer.api.queue.QueueManagerConfig.QUEUES;
import static io.tapsteer.api.queue.QueueManagerConfig.VNET_HEADER;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a queue manager's configuration as it was written (a {@code conf/} file's text or typed
 * values) before the component's typed view does: a value of the wrong type or out of range is
 * refused with one sentence naming the file, the property, the value and what is allowed, where
 * the typed view would give a bare NumberFormatException or quietly read {@code maybe} as false.
 */
public final class ConfigCheck {
    /** The property FileInstall sets to the file a configuration came from. */
    static final String FILE = "felix.fileinstall.filename";

    private ConfigCheck() {
    }

    /** @throws IllegalArgumentException naming the file, the property, the value and what is allowed */
    public static void check(Map<String, ?> props) {
        String where = source(props);
        known(props, where);
        whole(props, where, QUEUES, Bounds.QUEUES);
        int vnet = whole(props, where, VNET_HEADER, Bounds.VNET_HEADER);
        if (!Bounds.vnetHeaderAllowed(vnet)) {
            throw refusal(where, VNET_HEADER, props.get(VNET_HEADER), "is not a vnet header size", Bounds.VNET_HEADER.allowed());
        }
        int offloads = whole(props, where, OFFLOADS, Bounds.OFFLOADS);
        if (offloads != 0 && vnet == 0) {
            throw new IllegalArgumentException(where + ": " + OFFLOADS + " " + offloads + " need a vnet header: set " + VNET_HEADER
                    + " to 10, 12, 20 or more");
        }
        whole(props, where, BUDGET, Bounds.BUDGET);
        whole(props, where, LANES, Bounds.LANES);
        whole(props, where, POOL_FRAMES, Bounds.POOL_FRAMES);
        whole(props, where, FRAME_BYTES, Bounds.FRAME_BYTES);
        Object io = props.get(BATCH_IO);
        if (io != null && !(io instanceof Boolean) && !io.toString().strip().equalsIgnoreCase("true")
                && !io.toString().strip().equalsIgnoreCase("false")) {
            throw refusal(where, BATCH_IO, io, "is not true or false", "true or false");
        }
        Object ks = props.get(KERNEL_STEERING);
        if (ks != null && !ks.toString().strip().equals(KERNEL_STEERING_AUTO) && !ks.toString().strip().equals(KERNEL_STEERING_AUTOMQ)) {
            throw refusal(where, KERNEL_STEERING, ks, "is unknown", "auto or automq");
        }
    }

    /**
     * Refuses a property the queue manager does not know: a misspelt key or a file that is not a
     * configuration at all would otherwise quietly become a default device.
     */
    private static void known(Map<String, ?> props, String where) {
        Set<String> names = new TreeSet<>();
        for (Method m : QueueManagerComponent.Config.class.getDeclaredMethods()) {
            names.add(m.getName());
        }
        for (String key : new TreeSet<>(props.keySet())) {
            boolean framework = key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
                    || key.startsWith("osgi.") || key.startsWith(".") || key.endsWith(".target");
            if (!framework && !names.contains(key)) {
                throw new IllegalArgumentException(where + ": property '" + key + "' is unknown: allowed " + String.join(", ", names));
            }
        }
    }

    /** @return where the configuration came from: {@code conf/NAME.cfg}, or its PID */
    static String source(Map<String, ?> props) {
        Object file = props.get(FILE);
        if (file != null) {
            String f = file.toString();
            return "conf/" + f.substring(f.lastIndexOf('/') + 1);
        }
        Object pid = props.get("service.pid");
        return "configuration " + (pid == null ? "(no PID)" : pid);
    }

    private static int whole(Map<String, ?> props, String where, String name, Bounds.Range range) {
        String allowed = range.allowed();
        Object v = props.get(name);
        if (v == null) {
            return defaultOf(name);
        }
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().strip());
            } catch (NumberFormatException e) {
                throw refusal(where, name, v, "is not a whole number", allowed);
            }
        }
        if (!range.holds(n)) {
            throw refusal(where, name, v, "is out of range", allowed);
        }
        return (int) n;
    }

    /** @return the configuration annotation's default for a whole-number key */
    private static int defaultOf(String name) {
        try {
            return ((Number) QueueManagerComponent.Config.class.getMethod(name).getDefaultValue()).intValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no configuration key " + name, e);
        }
    }

    private static IllegalArgumentException refusal(String where, String name, Object value, String what, String allowed) {
        return new IllegalArgumentException(where + ": " + name + " '" + value + "' " + what + ": allowed " + allowed);
    }
}
