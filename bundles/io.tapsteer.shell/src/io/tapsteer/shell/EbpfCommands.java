package io.tapsteer.shell;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.SteeringSnapshot;
import java.io.IOException;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code ebpf:} commands: status, attach, detach of generated steering programs. One owner per
 * device: a device whose queue manager attached a program refuses a second owner (as the kernel
 * RSS series does with RSS against eBPF), so switch strategies with steer:use instead.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = EbpfCommands.class, immediate = true, property = {"osgi.command.scope=ebpf",
        "osgi.command.function=status", "osgi.command.function=attach", "osgi.command.function=detach"})
public final class EbpfCommands {
    private static final String OWNER = "shell";
    private volatile KernelSteering kernel;
    private Services services;
    private BundleContext context;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference
    private TapCommands tapCommands;

    @Reference
    private ScanCommands scanCommands;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        services = new Services(ctx);
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

    @Descriptor("whether steering programs load here, and the program attached to each device")
    public String status(
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) {
        if (!host.isEmpty()) {
            HostServices s = LabHostChoice.services(context, host);
            return format("kernel steering on host " + host, LabHostChoice.need(host, "kernel steering", s.steering()).snapshot());
        }
        return format("kernel steering", SteeringSnapshot.of(kernel()));
    }

    private static String format(String title, SteeringSnapshot k) {
        StringBuilder b = new StringBuilder();
        b.append(title).append(": ").append(k.available() ? "available" : "unavailable: " + k.unavailabilityCause());
        if (k.programs().isEmpty()) {
            b.append("\nno program attached");
        }
        for (SteeringSnapshot.Program s : k.programs()) {
            b.append('\n').append(s.device()).append(": ").append(s.program()).append(", owner ").append(s.owner())
                    .append(", fd ").append(s.programFd()).append(", ").append(s.instructions()).append(" instructions");
        }
        return b.toString();
    }

    @Descriptor("attach a steering program to a device: rss (the rss configuration), queue N (every frame to N), or automq (none)")
    public String attach(
            @Descriptor("device (tap:list, steer:show, or tap:scan for taps other processes hold)") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("namespace of a tap another process holds: host, a name under /run/netns, pid:N or the inode tap:scan prints") @Parameter(names = {"-n", "--netns"}, absentValue = "") String netns,
            @Descriptor("rss | queue N | automq") String... program) throws IOException {
        TapDevice d = device(device, netns);
        KernelProgram p = program(program, Math.max(1, d.attachedQueues()));
        KernelSteeringStatus s = kernel().attach(d, p, OWNER);
        return s.device() + ": " + s.program() + " attached (fd " + s.programFd() + ", " + s.instructions() + " instructions)";
    }

    @Descriptor("detach the program this shell attached to a device")
    public String detach(@Descriptor("device") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("namespace of a tap another process holds, as for attach") @Parameter(names = {"-n", "--netns"}, absentValue = "") String netns) {
        TapDevice d = device(device, netns);
        kernel().detach(d, OWNER);
        return d.name() + ": steering program detached (automq)";
    }

    private KernelProgram program(String[] words, int queues) throws IOException {
        String w = words.length == 0 ? "" : words[0];
        return switch (w) {
            case "rss" -> KernelProgram.rss(RssCommandsConfig.read(configurationAdmin).settings().configFor(queues));
            case "automq" -> KernelProgram.automq();
            case "queue" -> {
                if (words.length < 2 || !words[1].matches("\\d+") || Integer.parseInt(words[1]) >= queues) {
                    throw new IllegalArgumentException("queue needs a queue number below " + queues + ", for example: queue 0");
                }
                yield KernelProgram.fixedQueue(Integer.parseInt(words[1]));
            }
            default -> throw new IllegalArgumentException("'" + String.join(" ", words) + "' is not a program: use rss, queue N or automq");
        };
    }

    /**
     * A device of this runtime by name, else (or when a namespace is named) a tap another process
     * holds, steered through a duplicate of its holder's queue fd.
     */
    private TapDevice device(String name, String netns) {
        if (!netns.isEmpty()) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--netns needs --device NAME: tap:scan lists the taps of every namespace");
            }
            return scanCommands.inventory().foreign(name, netns);
        }
        try {
            return device(name);
        } catch (IllegalArgumentException notOurs) {
            if (name.isEmpty()) {
                throw notOurs;
            }
            return scanCommands.inventory().foreign(name, "");
        }
    }

    private TapDevice device(String name) {
        if (name.isEmpty()) {
            QueueManager m = services.manager("");
            return m.device();
        }
        for (QueueManager m : services.managers()) {
            if (m.device().name().equals(name)) {
                return m.device();
            }
        }
        return tapCommands.device(name);
    }

    private KernelSteering kernel() {
        KernelSteering k = kernel;
        if (k == null) {
            throw new IllegalStateException("kernel steering is not running: the io.tapsteer.ebpf bundle is missing or stopped");
        }
        return k;
    }
}
