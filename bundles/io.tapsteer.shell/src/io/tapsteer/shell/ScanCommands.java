package io.tapsteer.shell;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code tap:scan}: every tun/tap on the host, in every network namespace, with its holders (the
 * processes and fds of its queues), marked where this runtime drives it or steers it.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = ScanCommands.class, immediate = true, property = {"osgi.command.scope=tap",
        "osgi.command.function=scan"})
public final class ScanCommands {
    private volatile TapInventory inventory;
    private volatile KernelSteering kernel;
    private volatile TapService taps;
    private BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setInventory(TapInventory i) {
        inventory = i;
    }

    void unsetInventory(TapInventory i) {
        if (inventory == i) {
            inventory = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setKernel(KernelSteering k) {
        kernel = k;
    }

    void unsetKernel(KernelSteering k) {
        if (kernel == k) {
            kernel = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setTaps(TapService s) {
        taps = s;
    }

    void unsetTaps(TapService s) {
        if (taps == s) {
            taps = null;
        }
    }

    @Descriptor("every tun/tap on the host, in every namespace, with the processes and fds holding its queues")
    public String scan(
            @Descriptor("print JSON instead of text") @Parameter(names = "--json", absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) {
        TapInventory i = host.isEmpty() ? inventory()
                : LabHostChoice.need(host, "tap inventory", LabHostChoice.services(context, host).inventory());
        List<HostTap> all = i.scan();
        // which program steers a device is known only where its handle lives: on the host itself
        Map<String, String> steering = host.isEmpty() ? steering(i) : Map.of();
        return json ? ScanFormat.json(all, steering) : ScanFormat.text(all, steering);
    }

    /** @return the inventory, or a clear failure */
    TapInventory inventory() {
        TapInventory i = inventory;
        if (i == null) {
            throw new IllegalStateException("the tap inventory is not running: it needs the tap-native bundle, root or "
                    + "CAP_NET_ADMIN and /dev/net/tun");
        }
        return i;
    }

    /** @return device key to the program this runtime attached to it */
    private Map<String, String> steering(TapInventory i) {
        Map<String, String> out = new HashMap<>();
        KernelSteering k = kernel;
        if (k == null) {
            return out;
        }
        List<TapDevice> devices = new ArrayList<>(i.foreignDevices());
        TapService s = taps;
        if (s != null) {
            devices.addAll(s.devices());
        }
        for (TapDevice d : devices) {
            if (d.isClosed()) {
                continue;
            }
            k.status(d).ifPresent(st -> {
                String key = i.keyOf(d);
                if (!key.isEmpty()) {
                    out.put(key, st.program() + " (owner " + st.owner() + ")");
                }
            });
        }
        return out;
    }
}
