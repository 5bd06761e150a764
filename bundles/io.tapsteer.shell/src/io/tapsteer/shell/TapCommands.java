package io.tapsteer.shell;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.TapService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code tap:} commands: create, list, show, attach, detach, close, persist. Devices are made in
 * the shell's private lab namespace unless {@code --netns host} is given, so trying things out
 * touches nothing outside it.
 */
// Immediate: a delayed component would be deactivated after every command, closing the lab namespace.
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = TapCommands.class, immediate = true, property = {"osgi.command.scope=tap",
        "osgi.command.function=create", "osgi.command.function=list", "osgi.command.function=show",
        "osgi.command.function=attach", "osgi.command.function=detach", "osgi.command.function=close",
        "osgi.command.function=persist"})
public final class TapCommands {
    private final Map<String, Boolean> persistent = new ConcurrentHashMap<>();
    private volatile TapService taps;
    private volatile TapFeatures features;
    private NetNamespace lab;
    private BundleContext context;

    private Services services;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        services = new Services(ctx);
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setFeatures(TapFeatures f) {
        features = f;
    }

    void unsetFeatures(TapFeatures f) {
        if (features == f) {
            features = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (lab != null) {
            lab.close();
        }
    }

    /** @return the tap service, or a clear failure when taps cannot be made here */
    TapService taps() {
        TapService s = taps;
        if (s == null) {
            TapFeatures f = features;
            String why = f == null ? "the tap-native bundle is not running" : f.tunDetail();
            throw new IllegalStateException("taps need root or CAP_NET_ADMIN and /dev/net/tun (" + why + ")");
        }
        return s;
    }

    /**
     * Creates a tap. A name this runtime already has open in the same namespace is refused: the
     * kernel would add the new fds as more queues of that device and two rows would own one device.
     * Serialised so that clients racing for one name cannot both pass the check.
     */
    @Descriptor("create a multiqueue tap (in the shell's private lab namespace unless --netns host)")
    public synchronized TapView create(
            @Descriptor("queues to open, 1 to 256") @Parameter(names = {"-q", "--queues"}, absentValue = "1") int queues,
            @Descriptor("make the device outlive its fds") @Parameter(names = {"-p", "--persist"}, absentValue = "false", presentValue = "true") boolean persist,
            @Descriptor("lab (a private namespace, the default) or host") @Parameter(names = {"-n", "--netns"}, absentValue = "lab") String netns,
            @Descriptor("device name or template with %d, for example tap%d") String name) {
        TapService s = taps();
        NetNamespace ns = switch (netns) {
            case "lab" -> lab(s);
            case "host" -> null;
            default -> throw new IllegalArgumentException("--netns '" + netns + "' is unknown: use lab (private namespace) or host");
        };
        refuseOpenName(s, name, ns);
        TapOptions options = TapOptions.builder().name(name).queues(queues).persist(persist).build();
        TapDevice d = s.create(options, ns);
        persistent.put(d.name(), persist);
        return view(d);
    }

    private static void refuseOpenName(TapService s, String name, NetNamespace ns) {
        if (name.contains("%")) {
            return;
        }
        for (TapDevice d : s.devices()) {
            if (!d.isClosed() && d.name().equals(name) && d.namespace() == ns) {
                throw new IllegalArgumentException("tap " + name + " is already open in this runtime (" + d.queues().size()
                        + " queues): close it first (tap:close " + name + ") or choose another name");
            }
        }
    }

    @Descriptor("list the taps opened in this runtime (or in a lab host's runtime: the taps it drives)")
    public Object list(
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) {
        if (!host.isEmpty()) {
            TapInventory inventory = LabHostChoice.need(host, "tap inventory", LabHostChoice.services(context, host).inventory());
            return ScanFormat.text(inventory.scan().stream().filter(HostTap::driven).toList(), Map.of());
        }
        return new TapView.Table(taps().devices().stream().map(this::view).toList());
    }

    @Descriptor("show a tap: queues with id, kernel index, fd and state; counts as ip -d link prints them")
    public TapView show(@Descriptor("device name") String name) {
        return view(device(name));
    }

    @Descriptor("attach a detached queue (it becomes the last kernel index)")
    public TapView attach(@Descriptor("device name") String name, @Descriptor("queue id, as tap:show prints it") int queue) {
        TapDevice d = device(name);
        TapQueue q = queue(d, queue);
        if (q.isAttached()) {
            throw new IllegalArgumentException("queue " + queue + " of " + name + " is already attached: detach it first");
        }
        QueueManager m = managerOf(d);
        if (m != null) {
            m.attachQueue(queue); // its poller starts again and the lanes follow
        } else {
            d.attach(q);
        }
        return view(d);
    }

    @Descriptor("detach a queue (its fd stays open; the last queue takes its kernel index)")
    public TapView detach(@Descriptor("device name") String name, @Descriptor("queue id, as tap:show prints it") int queue) {
        TapDevice d = device(name);
        TapQueue q = queue(d, queue);
        if (!q.isAttached()) {
            throw new IllegalArgumentException("queue " + queue + " of " + name + " is already detached: attach it first");
        }
        QueueManager m = managerOf(d);
        if (m != null) {
            m.detachQueue(queue); // read empty first: the kernel drops, uncounted, what a detached queue holds
        } else {
            d.detach(q);
        }
        return view(d);
    }

    /** @return the queue manager that steers this very device, or null when none does */
    private QueueManager managerOf(TapDevice d) {
        for (QueueManager m : services.managers()) {
            if (m.device() == d) {
                return m;
            }
        }
        return null;
    }

    @Descriptor("close a tap (all its fds; a non-persistent tap disappears)")
    public String close(@Descriptor("device name") String name) {
        device(name).close();
        persistent.remove(name);
        return "closed " + name;
    }

    @Descriptor("close one queue's fd")
    public TapView close(@Descriptor("device name") String name, @Descriptor("queue id, as tap:show prints it") int queue) {
        TapDevice d = device(name);
        TapQueue q = queue(d, queue);
        QueueManager m = managerOf(d);
        if (m != null && q.isAttached()) {
            m.detachQueue(queue); // closing detaches it: read it empty first, as tap:detach does
        }
        d.closeQueue(q);
        return view(d);
    }

    @Descriptor("make a tap outlive its fds, or not (TUNSETPERSIST)")
    public TapView persist(@Descriptor("device name") String name, @Descriptor("persist, true or false") boolean persist) {
        TapDevice d = device(name);
        d.setPersist(persist);
        persistent.put(name, persist);
        return view(d);
    }

    private TapView view(TapDevice d) {
        return TapView.of(d, persistent.getOrDefault(d.name(), d.options().persist()));
    }

    TapDevice device(String name) {
        List<TapDevice> all = taps().devices();
        return all.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tap named '" + name + "' is open in this runtime: "
                        + (all.isEmpty() ? "none is; create one with tap:create" : "open are " + all.stream().map(TapDevice::name).toList())));
    }

    private static TapQueue queue(TapDevice d, int id) {
        return d.queues().stream().filter(q -> q.id() == id && !q.isClosed()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("queue id " + id + " is not an open queue of " + d.name()
                        + ": open queue ids are " + d.queues().stream().filter(q -> !q.isClosed()).map(TapQueue::id).toList()));
    }

    private synchronized NetNamespace lab(TapService s) {
        if (lab == null) {
            lab = s.privateNamespace("shell-lab");
        }
        return lab;
    }
}
