package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.tap.TapDevice;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The devices the Lab panel may send traffic into: only ones in a private network namespace made
 * for the lab, never the runtime's own namespace nor a named one. That is the taps the panel made in
 * its own private namespace, and the taps of queue managers configured with
 * {@code namespace=private} (the demo lab's, or one made from the shell).
 */
final class LabTargets {
    private LabTargets() {
    }

    /**
     * @param services the services
     * @param made the devices the panel made in its private namespace
     * @return the devices traffic may go to, in name order (off the UI thread: reads ConfigAdmin)
     */
    static List<TapDevice> of(Services services, List<TapDevice> made) {
        List<TapDevice> out = new ArrayList<>();
        for (TapDevice d : made) {
            if (!d.isClosed()) {
                out.add(d);
            }
        }
        List<Pattern> privateDevices = privateTemplates(services.configurationAdmin());
        for (QueueManager m : services.managers()) {
            TapDevice d = m.device();
            if (d.isClosed() || d.namespace() == null || out.contains(d)) {
                continue;
            }
            if (privateDevices.stream().anyMatch(p -> p.matcher(d.name()).matches())) {
                out.add(d);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** @return the device names (templates with %d) of every queue-manager configuration with a private namespace */
    private static List<Pattern> privateTemplates(ConfigurationAdmin cm) {
        List<Pattern> out = new ArrayList<>();
        if (cm == null) {
            return out;
        }
        try {
            Configuration[] configs = cm.listConfigurations("(service.factoryPid=" + QueueManager.FACTORY_PID + ")");
            for (Configuration c : configs == null ? new Configuration[0] : configs) {
                Dictionary<String, Object> p = c.getProperties();
                if (p != null && "private".equals(String.valueOf(p.get("namespace"))) && p.get("device") != null) {
                    out.add(template(p.get("device").toString()));
                }
            }
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException e) {
            // ConfigAdmin could not list: no queue-manager device qualifies this time
        }
        return out;
    }

    /** @return a pattern matching the names the kernel makes from a template ("lab%d" matches lab0, lab12) */
    static Pattern template(String device) {
        StringBuilder b = new StringBuilder();
        String[] parts = device.split("%d", -1);
        for (int i = 0; i < parts.length; i++) {
            b.append(i == 0 ? "" : "\\d+").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(b.toString());
    }
}
