package io.tapsteer.stats.internal;

import io.tapsteer.api.tap.NetNamespace;
import java.util.function.Function;

/**
 * The name stats shows a device by. Device names repeat across network namespaces, so a device is
 * shown by its plain name (what scripts, the shell and the GUI ask for) unless a tracked device
 * already is, and then by {@code name@namespace}: its namespace's label
 * ({@value #RUNTIME} for the namespace the runtime itself runs in), with {@code #2}, {@code #3} ...
 * appended while even that is taken. A device keeps its name as long as it is tracked.
 */
final class DeviceName {
    /** The qualifier of a device in the runtime's own namespace. */
    static final String RUNTIME = "runtime";

    private final String device;
    private final String namespace;
    private final String shown;

    private DeviceName(String device, String namespace) {
        this.device = device;
        this.namespace = namespace;
        this.shown = namespace == null ? device : device + "@" + namespace;
    }

    /**
     * @param device the kernel's device name
     * @param ns the device's namespace, null for the runtime's own
     * @param tracked finds the tracked device shown by a name, null when none is
     * @return the plain name when no tracked device is shown by it, else the first free qualified one
     */
    static DeviceName unique(String device, NetNamespace ns, Function<String, ?> tracked) {
        DeviceName name = new DeviceName(device, null);
        String label = ns == null || ns.label() == null || ns.label().isBlank() ? RUNTIME : ns.label();
        for (int n = 1; tracked.apply(name.shown) != null; n++) {
            name = new DeviceName(device, n == 1 ? label : label + "#" + n);
        }
        return name;
    }

    /** @return the kernel's device name */
    String device() {
        return device;
    }

    /** @return what follows the '@' of the shown name, null when the plain name is shown */
    String namespace() {
        return namespace;
    }

    /** @return the name stats shows: in {@code devices()}, snapshots, JSON and MBean descriptions */
    String shown() {
        return shown;
    }

    @Override
    public String toString() {
        return shown;
    }
}
