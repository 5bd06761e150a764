package io.tapsteer.lab;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.queue.QueueManagerConfig;
import java.io.IOException;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A steered tap of the lab's own, as the headless demo ({@code lab:start}, {@code ./tapsteer demo})
 * and the desktop demo make it: a factory configuration of {@value QueueManager#FACTORY_PID} with a
 * private namespace, and the queue manager it starts. Closing it deletes the configuration, which
 * closes the tap and its namespace.
 */
public final class LabDevice implements AutoCloseable {
    /**
     * The lab tap's txqueuelen, which is each queue's kernel ring in frames. The default 1000 holds
     * 40 ms of a 4-queue tap at 100k pps (10 ms on one queue); a poller stalled that long while the
     * JIT compiles its receive path or a collection runs, as happens in a run's first half second,
     * lets the kernel drop frames as "tap queue full". 4096 rides out four times that stall and
     * costs only the frames actually queued.
     */
    static final int TX_QUEUE_LENGTH = 4096;
    /** How long the pollers of a new lab tap may take to be polling. */
    static final long POLLING_MILLIS = 5000;
    private final Configuration configuration;
    private final QueueManager manager;

    private LabDevice(Configuration configuration, QueueManager manager) {
        this.configuration = configuration;
        this.manager = manager;
    }

    /**
     * Writes the configuration and waits for its queue manager.
     *
     * @param name the configuration's name (its PID is {@code io.tapsteer.queue~NAME})
     * @param device the tap name, or a template with {@code %d}
     * @param queues queues to open
     * @param strategy the strategy the device starts with
     * @param kernelSteering {@link QueueManagerConfig#KERNEL_STEERING_AUTO} or {@link QueueManagerConfig#KERNEL_STEERING_AUTOMQ}
     * @param millis how long to wait for the queue manager
     * @return the device with {@link #TX_QUEUE_LENGTH} and every poller polling (traffic may start), or
     *         null when no queue manager for it started in time (the configuration is deleted again)
     * @throws IOException when ConfigAdmin cannot store the configuration
     * @throws IllegalStateException when the pollers were not all polling in time (the configuration is deleted again)
     */
    public static LabDevice start(BundleContext ctx, ConfigurationAdmin cm, String name, String device, int queues, String strategy,
            String kernelSteering, long millis) throws IOException, InterruptedException {
        Configuration c = cm.getFactoryConfiguration(QueueManager.FACTORY_PID, name, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(QueueManagerConfig.DEVICE, device);
        p.put(QueueManagerConfig.NAMESPACE, QueueManagerConfig.PRIVATE_NAMESPACE);
        p.put(QueueManagerConfig.QUEUES, queues);
        p.put(QueueManagerConfig.STRATEGY, strategy);
        p.put(QueueManagerConfig.KERNEL_STEERING, kernelSteering);
        c.update(p);
        QueueManager m;
        try {
            // only this device's manager: for a template, any name it may become (demo%d: demo*)
            m = await(ctx, "(" + QueueManager.DEVICE + "=" + device.replace("%d", "*") + ")", millis);
        } catch (RuntimeException | InterruptedException e) {
            c.delete();
            throw e;
        }
        if (m == null) {
            c.delete();
            return null;
        }
        try {
            m.device().setTxQueueLength(TX_QUEUE_LENGTH);
            if (!m.awaitPolling(POLLING_MILLIS)) {
                throw new IllegalStateException("the pollers of " + m.device().name() + " were not all polling within "
                        + POLLING_MILLIS + " ms: " + m.steering());
            }
        } catch (RuntimeException | InterruptedException e) {
            c.delete();
            throw e;
        }
        return new LabDevice(c, m);
    }

    private static QueueManager await(BundleContext ctx, String filter, long millis) throws InterruptedException {
        ServiceTracker<QueueManager, QueueManager> t;
        try {
            t = new ServiceTracker<>(ctx, ctx.createFilter("(&(objectClass=" + QueueManager.class.getName() + ")" + filter + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("device name makes a bad service filter " + filter + ": " + e.getMessage(), e);
        }
        t.open();
        try {
            return t.waitForService(millis);
        } finally {
            t.close();
        }
    }

    /** @return the queue manager running the device */
    public QueueManager manager() {
        return manager;
    }

    /** Deletes the configuration: the queue manager closes the tap and the private namespace. */
    @Override
    public void close() {
        try {
            configuration.delete();
        } catch (IOException | IllegalStateException e) {
            // ConfigAdmin stopping with the framework: the queue manager goes with its bundle
        }
    }
}
