package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.queue.QueueManagerConfig;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One queue manager per factory configuration ({@value QueueManager#FACTORY_PID}): creates or opens the tap, runs a
 * {@link DeviceRuntime} and registers it as a {@link QueueManager} with the property
 * {@value QueueManager#DEVICE} = the kernel's device name. Strategies, frame handlers and kernel
 * steering come and go through the whiteboard.
 */
@Component(configurationPid = QueueManager.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = QueueManagerComponent.Config.class, factory = true)
public final class QueueManagerComponent {
    private static final Logger LOG = Logger.getLogger(QueueManagerComponent.class.getName());

    /** A queue manager's configuration. */
    @ObjectClassDefinition(id = QueueManager.FACTORY_PID, name = "tapsteer queue manager", description = "One tap device: its queues, pollers, lanes and steering.")
    public @interface Config {
        /** @return device name or template */
        @AttributeDefinition(name = "Device", description = "Tap name, or a template with %d the kernel completes (tap%d).")
        String device() default "tap%d";

        /** @return where the tap lives */
        @AttributeDefinition(name = "Namespace", description = "Empty: the runtime's own namespace. 'private': a new private network namespace. Otherwise a name under /run/netns.")
        String namespace() default "";

        /** @return queues */
        @AttributeDefinition(name = "Queues", description = "Queue fds to open, " + Bounds.QUEUES_MIN + " to " + Bounds.QUEUES_MAX + ".",
                min = "" + Bounds.QUEUES_MIN, max = "" + Bounds.QUEUES_MAX)
        int queues() default 4;

        /** @return vnet header */
        @AttributeDefinition(name = "vnet header", description = "vnet header size: 0 for none, else 10, 12, 20 or more.", min = "0")
        int vnetHeader() default 0;

        /** @return offloads */
        @AttributeDefinition(name = "Offloads", description = "TUN_F_* bits (needs a vnet header); with offloads, frames up to 64 KiB are pooled.", min = "0")
        int offloads() default 0;

        /** @return budget */
        @AttributeDefinition(name = "Batch budget", description = "Most frames a poller drains per wake-up (64, the NAPI weight).",
                min = "" + Bounds.BUDGET_MIN, max = "" + Bounds.BUDGET_MAX)
        int budget() default 64;

        /** @return lanes */
        @AttributeDefinition(name = "Lanes", description = "User-space lanes; 0 for one per attached queue.",
                min = "" + Bounds.LANES_MIN, max = "" + Bounds.LANES_MAX)
        int lanes() default 0;

        /** @return strategy */
        @AttributeDefinition(name = "Strategy", description = "Steering strategy name: automq, flow-hash, round-robin, single-queue, or one a bundle adds.")
        String strategy() default "automq";

        /** @return pool frames */
        @AttributeDefinition(name = "Pool frames", description = "Frames in each poller's pool of direct memory.",
                min = "" + Bounds.POOL_FRAMES_MIN, max = "" + Bounds.POOL_FRAMES_MAX)
        int poolFrames() default 1024;

        /** @return frame bytes */
        @AttributeDefinition(name = "Frame bytes", description = "Bytes per pooled frame without offloads (vnet header included).",
                min = "" + Bounds.FRAME_BYTES_MIN, max = "" + Bounds.FRAME_BYTES_MAX)
        int frameBytes() default 2048;

        /** @return whether strategies' kernel programs may be attached */
        @AttributeDefinition(name = "Kernel steering", description = "auto: attach a strategy's kernel program when the kernel can take it (lane = queue); automq: never attach one, keep the kernel's automq and steer in user space.",
                options = {@Option(label = "auto", value = "auto"), @Option(label = "automq", value = "automq")})
        String kernelSteering() default "auto";

        /** @return whether whole batches cross into the kernel at once */
        @AttributeDefinition(name = "Batched I/O", description = "true: pollers read and batch transmits write up to a budget of frames with one kernel crossing (io_uring), falling back to one system call per frame when the kernel has no io_uring; false: always one read(2)/write(2) per frame.")
        boolean batchIo() default true;
    }

    private final Handlers handlers = new Handlers();
    private final Map<SteeringStrategy, String> strategies = new ConcurrentHashMap<>();
    private volatile KernelSteering kernel;
    private volatile DeviceRuntime runtime;
    private NetNamespace ownNamespace;
    private TapDevice device;
    private ServiceRegistration<QueueManager> registration;

    @Reference
    private TapService tapService;

    private String pid;

    /** Creates the tap and starts the data path; a refused configuration fails the activation. */
    @Activate
    void activate(BundleContext context, Config c, Map<String, Object> written) {
        pid = String.valueOf(written.get("service.pid"));
        try {
            ConfigCheck.check(written);
        } catch (IllegalArgumentException e) {
            // one line on the runtime's console, listed in steer:show; the exception fails the activation
            QueueConfigRefusals.refused(pid, e.getMessage());
            throw e;
        }
        try {
            start(context, c);
        } catch (RuntimeException e) {
            QueueConfigRefusals.refused(pid, ConfigCheck.source(written) + ": " + e.getMessage());
            throw e;
        }
        QueueConfigRefusals.taken(pid);
    }

    /**
     * A changed configuration: a refused one leaves the device running as it is (the previous good
     * configuration stays); a good one replaces the device by one made from it.
     */
    @Modified
    void modified(BundleContext context, Config c, Map<String, Object> written) {
        try {
            ConfigCheck.check(written);
        } catch (IllegalArgumentException e) {
            QueueConfigRefusals.refused(pid, e.getMessage() + "; " + (device == null ? "no device" : device.name()) + " keeps its previous configuration");
            return;
        }
        deactivate();
        try {
            start(context, c);
        } catch (RuntimeException e) {
            // the old device is closed already: say so, the component stays without one until the next change
            QueueConfigRefusals.refused(pid, ConfigCheck.source(written) + ": " + e.getMessage());
            return;
        }
        QueueConfigRefusals.taken(pid);
    }

    private void start(BundleContext context, Config c) {
        Settings settings = Settings.of(c);
        TapOptions options = TapOptions.builder().name(c.device()).queues(c.queues()).vnetHeaderSize(c.vnetHeader())
                .offloads(c.offloads()).build();
        if (!c.kernelSteering().equals(QueueManagerConfig.KERNEL_STEERING_AUTO)
                && !c.kernelSteering().equals(QueueManagerConfig.KERNEL_STEERING_AUTOMQ)) {
            throw new IllegalArgumentException("kernelSteering '" + c.kernelSteering() + "' is unknown: use auto or automq");
        }
        NetNamespace ns = namespace(c.namespace(), c.device());
        try {
            device = tapService.create(options, ns);
            handlers.device(device.name());
            DeviceRuntime r = new DeviceRuntime(device, settings, handlers);
            strategies.forEach((s, name) -> r.addStrategy(name, s));
            r.allowKernelPrograms(c.kernelSteering().equals(QueueManagerConfig.KERNEL_STEERING_AUTO));
            r.setKernelSteering(kernel);
            r.start();
            runtime = r;
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(QueueManager.DEVICE, device.name());
            registration = context.registerService(QueueManager.class, r, props);
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
    }

    private NetNamespace namespace(String name, String label) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.equals(QueueManagerConfig.PRIVATE_NAMESPACE)) {
            ownNamespace = tapService.privateNamespace(label.replace("%d", ""));
            return ownNamespace;
        }
        ownNamespace = tapService.joinNamespace(name);
        return ownNamespace;
    }

    /** Unregisters, stops every thread, closes the tap and the namespace it made. */
    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        DeviceRuntime r = runtime;
        runtime = null;
        if (r != null) {
            r.close();
        }
        if (device != null) {
            device.close();
            device = null;
        }
        if (ownNamespace != null) {
            ownNamespace.close();
            ownNamespace = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedStrategy")
    void addStrategy(SteeringStrategy s, Map<String, Object> props) {
        String name = SteeringStrategy.nameOf(s, props.get(SteeringStrategy.NAME));
        strategies.put(s, name);
        DeviceRuntime r = runtime;
        if (r != null) {
            r.addStrategy(name, s);
        }
    }

    /** A strategy's service properties changed (it was reconfigured, e.g. a new RSS key): see {@link DeviceRuntime#strategyChanged}. */
    void updatedStrategy(SteeringStrategy s, Map<String, Object> props) {
        String name = strategies.get(s);
        DeviceRuntime r = runtime;
        if (r != null && name != null) {
            r.strategyChanged(name, s);
        }
    }

    void removeStrategy(SteeringStrategy s) {
        String name = strategies.remove(s);
        DeviceRuntime r = runtime;
        if (r != null && name != null) {
            r.removeStrategy(name, s);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(FrameHandler h, Map<String, Object> props) {
        Object dev = props.get(FrameHandler.DEVICE);
        try {
            handlers.add(h, dev == null ? null : dev.toString(), Handlers.lanesProperty(props.get(FrameHandler.LANES)));
        } catch (IllegalArgumentException e) {
            LOG.warning("tapsteer: frame handler " + h.getClass().getName() + " ignored: " + e.getMessage());
        }
    }

    void removeHandler(FrameHandler h) {
        handlers.remove(h);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setKernelSteering(KernelSteering k) {
        kernel = k;
        DeviceRuntime r = runtime;
        if (r != null) {
            r.setKernelSteering(k);
        }
    }

    void unsetKernelSteering(KernelSteering k) {
        if (kernel == k) {
            kernel = null;
            DeviceRuntime r = runtime;
            if (r != null) {
                r.setKernelSteering(null);
            }
        }
    }
}
