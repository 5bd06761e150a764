package io.tapsteer.queue.tests;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.testsupport.Osgi;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A queue manager made the way a runtime makes one: a ConfigAdmin factory configuration. */
final class OsgiLab implements AutoCloseable {
    final BundleContext context = FrameworkUtil.getBundle(OsgiLab.class).getBundleContext();
    final Configuration configuration;
    final QueueManager manager;

    /** @param settings configuration properties; "device" must be a plain name (no template) */
    OsgiLab(Map<String, Object> settings) throws Exception {
        ConfigurationAdmin ca = await(context, ConfigurationAdmin.class, null);
        configuration = ca.createFactoryConfiguration(QueueManager.FACTORY_PID, "?");
        Dictionary<String, Object> d = new Hashtable<>(settings);
        configuration.update(d);
        manager = await(context, QueueManager.class, "(" + QueueManager.DEVICE + "=" + settings.get("device") + ")");
        if (manager == null) {
            throw new AssertionError("no queue manager registered for " + settings);
        }
    }

    static <T> T await(BundleContext ctx, Class<T> type, String filter) throws Exception {
        return Osgi.await(ctx, type, filter, 10_000);
    }

    /** @return whether a queue manager for the device is registered now */
    boolean registered(String device) throws Exception {
        return context.getServiceReferences(QueueManager.class, "(" + QueueManager.DEVICE + "=" + device + ")").size() > 0;
    }

    Bundle bundle(String symbolicName) {
        return Osgi.bundle(context, symbolicName);
    }

    private boolean closed;

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            configuration.delete();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
