package io.tapsteer.remote.internal;

import io.tapsteer.api.config.ConfigRefusals;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.HostShell;
import io.tapsteer.remote.HostSteering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.remoteserviceadmin.EndpointDescription;
import org.osgi.service.remoteserviceadmin.ImportReference;
import org.osgi.service.remoteserviceadmin.ImportRegistration;
import org.osgi.service.remoteserviceadmin.RemoteServiceAdmin;

/**
 * The services one connected lab host exports, imported through the engine (RemoteServiceAdmin) and
 * pointed at the host's tunnel. Imported services carry {@value #HOST}; {@link ImportedServicesHook}
 * keeps them out of every other bundle's sight, so a local consumer never binds a remote one.
 */
final class LabHostServices implements AutoCloseable {
    /** The service property naming the lab host an imported service comes from. */
    static final String HOST = "tapsteer.host";

    private final BundleContext context;
    private final RemoteServiceAdmin rsa;
    private final String host;
    private final Map<String, Imported> imports = new HashMap<>();
    private volatile HostServices services;

    private record Imported(ImportRegistration registration, ServiceReference<?> ref, Object proxy, String type, String device) {
    }

    LabHostServices(BundleContext context, RemoteServiceAdmin rsa, String host) {
        this.context = context;
        this.rsa = rsa;
        this.host = host;
    }

    /** Imports the endpoints not imported yet and closes those the host no longer exports. */
    synchronized void update(List<EndpointDescription> endpoints) {
        Map<String, EndpointDescription> now = new HashMap<>();
        endpoints.forEach(e -> now.put(e.getId(), e));
        imports.keySet().removeIf(id -> {
            if (!now.containsKey(id)) {
                release(imports.get(id));
                return true;
            }
            return false;
        });
        for (EndpointDescription e : endpoints) {
            if (imports.containsKey(e.getId())) {
                continue;
            }
            ImportRegistration r = rsa.importService(e);
            if (r == null) {
                throw new IllegalArgumentException("the remote services engine cannot import " + e.getInterfaces()
                        + " (no provider for " + e.getConfigurationTypes() + ")");
            }
            if (r.getException() != null) {
                r.close();
                throw new IllegalArgumentException("importing " + e.getInterfaces() + " failed: " + r.getException().getMessage());
            }
            ImportReference ir = r.getImportReference();
            ServiceReference<?> ref = ir.getImportedService();
            Object proxy = context.getService(ref);
            Object device = e.getProperties().get(QueueManager.DEVICE);
            imports.put(e.getId(), new Imported(r, ref, proxy, e.getInterfaces().get(0), device == null ? "" : device.toString()));
        }
        StatsService stats = null;
        TapInventory inventory = null;
        KernelSteering kernel = null;
        TreeMap<String, QueueManager> managers = new TreeMap<>();
        List<ConfigRefusals> refusals = new ArrayList<>();
        HostSteering steering = null;
        HostShell shell = null;
        for (Imported i : imports.values()) {
            if (i.type().equals(StatsService.class.getName())) {
                stats = RemoteCalls.wrap(host, StatsService.class, i.proxy());
            } else if (i.type().equals(TapInventory.class.getName())) {
                inventory = RemoteCalls.wrap(host, TapInventory.class, i.proxy());
            } else if (i.type().equals(KernelSteering.class.getName())) {
                kernel = RemoteCalls.wrap(host, KernelSteering.class, i.proxy());
            } else if (i.type().equals(QueueManager.class.getName())) {
                managers.put(i.device(), RemoteCalls.wrap(host, QueueManager.class, i.proxy()));
            } else if (i.type().equals(ConfigRefusals.class.getName())) {
                refusals.add(RemoteCalls.wrap(host, ConfigRefusals.class, i.proxy()));
            } else if (i.type().equals(HostSteering.class.getName())) {
                steering = RemoteCalls.wrap(host, HostSteering.class, i.proxy());
            } else if (i.type().equals(HostShell.class.getName())) {
                shell = RemoteCalls.wrap(host, HostShell.class, i.proxy());
            }
        }
        services = new HostServices(host, stats, inventory, kernel, java.util.Collections.unmodifiableSortedMap(managers),
                List.copyOf(refusals), steering, shell);
    }

    /**
     * Asks the host something small (its stats interval) to learn whether it answers.
     *
     * @return null when it answered, else why not
     */
    String ping() {
        HostServices s = services;
        if (s == null || s.stats() == null) {
            return "the host's runtime exports no stats service";
        }
        try {
            s.stats().interval();
            return null;
        } catch (RuntimeException e) {
            return "the host's runtime does not answer: " + Messages.of(e);
        }
    }

    /** @return the host's services as imported now, or null before the first {@link #update} */
    HostServices services() {
        return services;
    }

    private void release(Imported i) {
        try {
            context.ungetService(i.ref());
        } catch (IllegalStateException | IllegalArgumentException e) {
            // already gone with its registration
        }
        i.registration().close();
    }

    @Override
    public synchronized void close() {
        imports.values().forEach(this::release);
        imports.clear();
        services = null;
    }
}
