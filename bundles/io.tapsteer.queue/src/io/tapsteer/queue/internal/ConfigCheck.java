package io.tapsteer.queue.internal;

import java.util.Map;

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
        whole(props, where, "queues", 1, 256, "1 to 256");
        int vnet = whole(props, where, "vnetHeader", 0, Integer.MAX_VALUE, "0 (none), 10, 12, 20 or more");
        if (vnet != 0 && vnet != 10 && vnet != 12 && vnet < 20) {
            throw refusal(where, "vnetHeader", props.get("vnetHeader"), "is not a vnet header size", "0 (none), 10, 12, 20 or more");
        }
        int offloads = whole(props, where, "offloads", 0, Integer.MAX_VALUE, "0 or more (TUN_F_* bits)");
        if (offloads != 0 && vnet == 0) {
            throw new IllegalArgumentException(where + ": offloads " + offloads + " need a vnet header: set vnetHeader to 10, 12, 20 or more");
        }
        whole(props, where, "budget", 1, 1024, "1 to 1024");
        whole(props, where, "lanes", 0, 256, "0 (one per queue) to 256");
        whole(props, where, "poolFrames", 64, 1 << 20, "64 to 1048576");
        whole(props, where, "frameBytes", 128, 65536 + 64, "128 to 65600");
        Object io = props.get("batchIo");
        if (io != null && !(io instanceof Boolean) && !io.toString().strip().equalsIgnoreCase("true")
                && !io.toString().strip().equalsIgnoreCase("false")) {
            throw refusal(where, "batchIo", io, "is not true or false", "true or false");
        }
        Object ks = props.get("kernelSteering");
        if (ks != null && !ks.toString().strip().equals("auto") && !ks.toString().strip().equals("automq")) {
            throw refusal(where, "kernelSteering", ks, "is unknown", "auto or automq");
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

    private static int whole(Map<String, ?> props, String where, String name, int min, int max, String allowed) {
        Object v = props.get(name);
        if (v == null) {
            return name.equals("queues") ? 4 : name.equals("budget") ? 64 : name.equals("poolFrames") ? 1024 : name.equals("frameBytes") ? 2048 : 0;
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
        if (n < min || n > max) {
            throw refusal(where, name, v, "is out of range", allowed);
        }
        return (int) n;
    }

    private static IllegalArgumentException refusal(String where, String name, Object value, String what, String allowed) {
        return new IllegalArgumentException(where + ": " + name + " '" + value + "' " + what + ": allowed " + allowed);
    }
}
