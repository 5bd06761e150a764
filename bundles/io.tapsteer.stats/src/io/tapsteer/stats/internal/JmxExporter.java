package io.tapsteer.stats.internal;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The MBeans of one device on the platform MBean server: {@code io.tapsteer:type=Device,device=D},
 * {@code io.tapsteer:type=Queue,device=D,queue=Q} and {@code io.tapsteer:type=Lane,device=D,lane=L},
 * D being the kernel's device name. A device that shares its name with a device tracked earlier (in
 * another network namespace, see {@link DeviceName}) gets the key {@code namespace=N} after
 * {@code device}, so both stay apart while {@code io.tapsteer:device=D,*} still finds every device
 * of that name. Queue and lane MBeans follow the device: {@link #sync} adds those that appeared and
 * removes those that went.
 */
final class JmxExporter implements AutoCloseable {
    /** The JMX domain. */
    static final String DOMAIN = "io.tapsteer";
    private static final Logger LOG = Logger.getLogger(JmxExporter.class.getName());

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final DeviceName device;
    private final Supplier<DeviceStats> snapshot;
    private final Set<ObjectName> registered = new HashSet<>();
    private boolean closed;

    JmxExporter(DeviceName device, Supplier<DeviceStats> snapshot) {
        this.device = device;
        this.snapshot = snapshot;
    }

    /** @return the key properties naming the device: device=D, or device=D,namespace=N */
    private static String keys(DeviceName d) {
        return "device=" + quote(d.device()) + (d.namespace() == null ? "" : ",namespace=" + quote(d.namespace()));
    }

    /** @return the ObjectName of a device's MBean */
    static ObjectName deviceName(DeviceName device) {
        return name("type=Device," + keys(device));
    }

    /** @return the ObjectName of a queue's MBean */
    static ObjectName queueName(DeviceName device, int queue) {
        return name("type=Queue," + keys(device) + ",queue=" + queue);
    }

    /** @return the ObjectName of a lane's MBean */
    static ObjectName laneName(DeviceName device, int lane) {
        return name("type=Lane," + keys(device) + ",lane=" + lane);
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_.@%+-]+") ? value : ObjectName.quote(value);
    }

    private static ObjectName name(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (JMException e) {
            throw new IllegalArgumentException("not a valid MBean name: " + properties, e);
        }
    }

    /** Registers what {@code stats} shows and unregisters what it no longer shows. */
    synchronized void sync(DeviceStats stats) {
        if (closed) { // the sampler may still hold a device that was just removed: never re-register it
            return;
        }
        Set<ObjectName> wanted = new HashSet<>();
        ObjectName dev = deviceName(device);
        wanted.add(dev);
        register(dev, () -> new StatsMBean("device " + device, snapshot, MBeanAttributes.device()));
        for (QueueStats q : stats.queues()) {
            ObjectName n = queueName(device, q.index());
            wanted.add(n);
            register(n, () -> new StatsMBean("queue " + q.index() + " of " + device, snapshot,
                    MBeanAttributes.queue(false, q.index())));
        }
        for (QueueStats l : stats.lanes()) {
            ObjectName n = laneName(device, l.index());
            wanted.add(n);
            register(n, () -> new StatsMBean("lane " + l.index() + " of " + device, snapshot,
                    MBeanAttributes.queue(true, l.index())));
        }
        for (ObjectName n : Set.copyOf(registered)) {
            if (!wanted.contains(n)) {
                unregister(n);
            }
        }
    }

    private void register(ObjectName n, Supplier<StatsMBean> bean) {
        if (registered.contains(n)) {
            return;
        }
        try {
            if (server.isRegistered(n)) { // left by an earlier instance of this bundle: ours now
                server.unregisterMBean(n);
            }
            server.registerMBean(bean.get(), n);
            registered.add(n);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot register MBean " + n + ": " + e.getMessage(), e);
        }
    }

    private void unregister(ObjectName n) {
        registered.remove(n);
        try {
            if (server.isRegistered(n)) {
                server.unregisterMBean(n);
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot unregister MBean " + n + ": " + e.getMessage(), e);
        }
    }

    /** Unregisters every MBean of the device. */
    @Override
    public synchronized void close() {
        closed = true;
        for (ObjectName n : Set.copyOf(registered)) {
            unregister(n);
        }
    }
}
