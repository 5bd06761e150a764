package io.tapsteer.queue.internal;

import io.tapsteer.api.config.ConfigRefusals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Component;

/**
 * The queue manager configurations this bundle refuses, by PID: a refusal is listed from the moment
 * it is logged until its configuration is taken or deleted. A refused configuration never activates
 * a component, so its deletion is learnt from ConfigAdmin's events.
 */
@Component(service = {ConfigRefusals.class, ConfigurationListener.class}, immediate = true)
public final class QueueConfigRefusals implements ConfigRefusals, ConfigurationListener {
    private static final Logger LOG = Logger.getLogger(QueueConfigRefusals.class.getName());
    private static final Map<String, Entry> REFUSED = new ConcurrentHashMap<>();

    private record Entry(long order, String text) {
    }

    /**
     * Logs a refusal as one line on the runtime's console and lists it.
     *
     * @param pid the configuration's PID
     * @param text the sentence naming file, property, value and what is allowed
     */
    static void refused(String pid, String text) {
        LOG.severe("tapsteer: " + text);
        REFUSED.put(pid == null ? "" : pid, new Entry(System.nanoTime(), text));
    }

    /** The configuration of that PID was taken (or its device is gone with it). */
    static void taken(String pid) {
        REFUSED.remove(pid == null ? "" : pid);
    }

    @Override
    public List<String> refusals() {
        List<Entry> all = new ArrayList<>(REFUSED.values());
        all.sort((a, b) -> Long.compare(a.order(), b.order()));
        return all.stream().map(Entry::text).toList();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            taken(event.getPid());
        }
    }
}
