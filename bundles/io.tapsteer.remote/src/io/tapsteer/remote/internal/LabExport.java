package io.tapsteer.remote.internal;

import io.tapsteer.api.config.ConfigRefusals;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.ebpf.LoopbackGate;
import io.tapsteer.remote.HostShell;
import io.tapsteer.remote.HostSteering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.remoteserviceadmin.EndpointDescription;
import org.osgi.service.remoteserviceadmin.ExportRegistration;
import org.osgi.service.remoteserviceadmin.RemoteConstants;
import org.osgi.service.remoteserviceadmin.RemoteServiceAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * A lab host's side: with {@code conf/io.tapsteer.remote.export.cfg} present (and only then) this
 * runtime exports its {@link StatsService}, {@link TapInventory}, {@link KernelSteering}, every
 * {@link QueueManager}, every {@link ConfigRefusals}, its {@link HostSteering} and its {@link HostShell} as remote services, on 127.0.0.1 only ({@code port}, default 2543), and
 * publishes their endpoints in {@code endpoints} (default /run/tapsteer/remote-PORT.json) for the
 * desktop, which reads that file through its SSH session and calls through its SSH tunnel. The
 * port is kept for root ({@link LoopbackGate}): another local user's connect to it is refused by
 * the kernel; where that cannot be had, nothing is exported.
 */
@Component(configurationPid = LabExport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class LabExport {
    /** The configuration that makes this runtime a lab host. */
    public static final String PID = "io.tapsteer.remote.export";
    private static final List<Class<?>> EXPORTED = List.of(StatsService.class, TapInventory.class, KernelSteering.class, QueueManager.class,
            ConfigRefusals.class, HostSteering.class, HostShell.class);

    @Reference
    private RemoteEngine engine;
    private RemoteServiceAdmin rsa;
    private Path file;
    private LoopbackGate gate;
    private final Map<ServiceReference<?>, ExportRegistration> exports = new ConcurrentHashMap<>();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    @Activate
    void activate(BundleContext ctx, Map<String, Object> props) throws IOException {
        int port = port(props.get("port"));
        Object e = props.get("endpoints");
        file = Path.of(e == null || e.toString().isBlank() ? io.tapsteer.remote.LabHost.defaultEndpoints(port) : e.toString().strip());
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("conf/" + PID + ".cfg: endpoints '" + file + "' is relative: allowed is an absolute file path");
        }
        try {
            gate = LoopbackGate.keep(port);
        } catch (IllegalStateException refused) {
            throw new IllegalStateException("conf/" + PID + ".cfg: this runtime exports nothing: its management port " + port
                    + " cannot be kept for root (" + refused.getMessage() + "), and every local user could call it", refused);
        }
        try {
            rsa = engine.start("tcp://127.0.0.1:" + port, true);
        } catch (RuntimeException failed) {
            gate.close();
            throw failed;
        }
        publish();
        for (Class<?> type : EXPORTED) {
            ServiceTracker<Object, Object> t = new ServiceTracker<>(ctx, type.getName(), new ServiceTrackerCustomizer<>() {
                @Override
                public Object addingService(ServiceReference<Object> ref) {
                    if (ref.getProperty(RemoteConstants.SERVICE_IMPORTED) != null) {
                        return null;
                    }
                    export(ref, type);
                    return ref;
                }

                @Override
                public void modifiedService(ServiceReference<Object> ref, Object service) {
                }

                @Override
                public void removedService(ServiceReference<Object> ref, Object service) {
                    ExportRegistration r = exports.remove(ref);
                    if (r != null) {
                        r.close();
                        publish();
                    }
                }
            });
            t.open();
            trackers.add(t);
        }
    }

    private static int port(Object v) {
        if (v == null || v.toString().isBlank()) {
            return io.tapsteer.remote.LabHost.DEFAULT_MANAGEMENT_PORT;
        }
        int p;
        try {
            p = Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("conf/" + PID + ".cfg: port '" + v + "' is not a port: allowed is 1 to 65535 (on 127.0.0.1)");
        }
        return p;
    }

    private void export(ServiceReference<?> ref, Class<?> type) {
        Map<String, Object> over = new HashMap<>();
        over.put(RemoteConstants.SERVICE_EXPORTED_INTERFACES, new String[] {type.getName()});
        over.put(RemoteConstants.SERVICE_EXPORTED_CONFIGS, new String[] {RemoteEngine.CONFIG_TYPE});
        Collection<ExportRegistration> regs = rsa.exportService(ref, over);
        for (ExportRegistration r : regs) {
            if (r.getException() != null) {
                System.err.println("tapsteer: " + type.getSimpleName() + " is not exported to the desktop: " + r.getException().getMessage());
                r.close();
            } else {
                exports.put(ref, r);
            }
        }
        publish();
    }

    private synchronized void publish() {
        List<EndpointDescription> all = new ArrayList<>();
        for (ExportRegistration r : exports.values()) {
            if (r.getExportReference() != null && r.getExportReference().getExportedEndpoint() != null) {
                all.add(r.getExportReference().getExportedEndpoint());
            }
        }
        try {
            Endpoints.write(file, all);
        } catch (IOException e) {
            System.err.println("tapsteer: the lab host's endpoint list " + file + " cannot be written: " + e.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        trackers.forEach(ServiceTracker::close);
        exports.values().forEach(ExportRegistration::close);
        exports.clear();
        Files.deleteIfExists(file);
        if (gate != null) {
            gate.close();
        }
    }
}
