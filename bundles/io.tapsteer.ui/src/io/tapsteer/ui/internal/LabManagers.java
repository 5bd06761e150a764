package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.queue.QueueManagerConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import java.io.IOException;
import java.util.Collections;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Queue managers the Lab panel runs on the taps it creates: a ConfigAdmin factory configuration of
 * the queue bundle ({@value QueueManager#FACTORY_PID}) with {@code namespace=private}, as the demo
 * lab and a {@code conf/} file make one, so the tap's frames are read, counted and shown live in
 * Queue traffic and Tap topology. Deleting the configuration closes the tap and its namespace.
 */
final class LabManagers {
    /** How long a create waits for the queue manager to come up. */
    static final long START_MILLIS = 20_000;
    private static final AtomicLong NEXT = new AtomicLong();

    /**
     * A queue manager the panel started.
     *
     * @param configuration its configuration (delete it to stop the manager)
     * @param device its tap
     */
    record Started(Configuration configuration, TapDevice device) {
    }

    private LabManagers() {
    }

    /**
     * Writes the configuration and waits (bounded) until its queue manager runs (off the UI thread).
     *
     * @throws IllegalStateException in words when ConfigAdmin refuses or no manager comes up; nothing is left behind
     */
    static Started start(ConfigurationAdmin cm, TapOptions options) {
        Set<QueueManager> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(Services.get().managers());
        Pattern names = LabTargets.template(options.name());
        Configuration c;
        try {
            c = cm.getFactoryConfiguration(QueueManager.FACTORY_PID, "lab-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet(), "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(QueueManagerConfig.DEVICE, options.name());
            p.put(QueueManagerConfig.NAMESPACE, QueueManagerConfig.PRIVATE_NAMESPACE);
            p.put(QueueManagerConfig.QUEUES, options.queues());
            p.put(QueueManagerConfig.VNET_HEADER, options.vnetHeaderSize());
            c.update(p);
        } catch (IOException e) {
            throw new IllegalStateException(Messages.bind(Messages.Lab_configRefused, options.name(), e.getMessage()), e);
        }
        long until = System.nanoTime() + START_MILLIS * 1_000_000L;
        while (System.nanoTime() - until < 0) {
            for (QueueManager m : Services.get().managers()) { // the manager registers its device's name only
                if (!before.contains(m) && names.matcher(m.device().name()).matches() && !m.device().isClosed()) {
                    return new Started(c, m.device());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop(c);
        throw new IllegalStateException(Messages.bind(Messages.Lab_managerTimeout, options.name(), START_MILLIS / 1000));
    }

    /** Deletes the configuration: its queue manager closes the tap and the namespace. */
    static void stop(Configuration c) {
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) {
            // already deleted (the panel closed twice, or ConfigAdmin stopped): nothing left to stop
        }
    }
}
