package io.tapsteer.shell;

import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.stats.json.JsonDocument;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code lab:vm start|stop|show}: a real guest (QEMU, virtio-net with one queue pair per vCPU) on a
 * multiqueue tap in a private namespace, for a lab that wants a VM to steer; and the guest side of
 * {@code lab:demo --vm}. Every guest is powered off when the shell bundle stops.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = VmCommands.class, immediate = true, property = {"osgi.command.scope=lab", "osgi.command.function=vm"})
public final class VmCommands {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final Map<String, VmLab> guests = new ConcurrentHashMap<>();
    private volatile KernelSteering kernel;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference
    private TapCommands tapCommands;

    @Reference
    private ScanCommands scanCommands;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setKernel(KernelSteering k) {
        kernel = k;
    }

    void unsetKernel(KernelSteering k) {
        if (kernel == k) {
            kernel = null;
        }
    }

    @Deactivate
    void deactivate() {
        guests.values().forEach(VmLab::close);
        guests.clear();
    }

    @Descriptor("a QEMU guest on a multiqueue tap in a private namespace: start boots one, show prints its own per-queue counters "
            + "beside the kernel's, stop powers it off")
    public String vm(
            @Descriptor("guest queues (start), 1 to 8") @Parameter(names = "--queues", absentValue = "4") int queues,
            @Descriptor("print JSON (show)") @Parameter(names = "--json", absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("start | show [TAP] | stop [TAP]") String... words) throws Exception {
        String action = words.length == 0 ? "" : words[0];
        String tap = words.length > 1 ? words[1] : "";
        return switch (action) {
            case "start" -> start(queues);
            case "show" -> show(guest(tap), json);
            case "stop" -> {
                VmLab g = guest(tap);
                guests.remove(g.tap);
                g.close();
                yield g.tap + ": the guest is powered off, its tap and namespace are gone";
            }
            default -> throw new IllegalArgumentException("lab:vm needs start, show [TAP] or stop [TAP]"
                    + (action.isEmpty() ? "" : ", not '" + action + "'"));
        };
    }

    private String start(int queues) throws Exception {
        String tap = "vmtap" + NEXT.getAndIncrement();
        VmLab g = VmLab.start(tapCommands.taps(), scanCommands.inventory(), tap, queues);
        guests.put(tap, g);
        return tap + ": lab guest (kernel " + g.kernel + ", QEMU pid " + g.vm.pid() + ") receives on " + g.vm.queues()
                + " queues in netns " + g.netns + "\nsteer it:  ebpf:attach --device " + tap + " --netns " + g.netns + " rss"
                + "\nwatch it:  lab:vm show " + tap + "\nstop it:   lab:vm stop " + tap;
    }

    private VmLab guest(String tap) {
        if (tap.isEmpty() && guests.size() == 1) {
            return guests.values().iterator().next();
        }
        VmLab g = guests.get(tap);
        if (g == null) {
            throw new IllegalArgumentException(guests.isEmpty() ? "no lab guest runs: start one with lab:vm start"
                    : tap.isEmpty() ? "several lab guests run: name one of " + List.copyOf(guests.keySet())
                            : "no lab guest on '" + tap + "': running are " + List.copyOf(guests.keySet()));
        }
        return g;
    }

    private String show(VmLab g, boolean json) throws Exception {
        VmLab.Counts c = g.counts();
        KernelSteering k = kernel;
        Optional<KernelSteeringStatus> s = k == null ? Optional.empty() : k.status(g.device);
        String steering = s.map(x -> x.program() + " (owner " + x.owner() + ")").orElse("none attached by this runtime");
        StringBuilder b = new StringBuilder();
        if (json) {
            return JsonDocument.of(w -> {
                w.beginObject();
                w.name("device").value(g.tap);
                w.name("netns").value(g.netns);
                w.name("qemu_pid").value(g.vm.pid());
                w.name("guest_kernel").value(g.kernel);
                w.name("tx_packets").value(c.tap().txPackets());
                w.name("tx_dropped").value(c.tap().txDropped());
                w.name("queues").beginArray();
                for (int q = 0; q < c.guest().length; q++) {
                    w.beginObject();
                    w.name("queue").value(q);
                    w.name("guest_rx_packets").value(c.guest()[q]);
                    w.name("kernel_packets").value(q < c.kernel().length ? c.kernel()[q] : 0);
                    w.endObject();
                }
                w.endArray();
                w.endObject();
            });
        }
        b.append(g.tap).append(" (netns ").append(g.netns).append(", QEMU pid ").append(g.vm.pid()).append(", guest ").append(g.kernel)
                .append("): ").append(c.guest().length).append(" queues, tx_packets ").append(c.tap().txPackets()).append(", tx_dropped ")
                .append(c.tap().txDropped()).append("\nsteering: ").append(steering).append('\n');
        b.append(String.format("%-6s %12s %12s%n", "QUEUE", "GUEST_RX", "KERNEL"));
        for (int q = 0; q < c.guest().length; q++) {
            b.append(String.format("%-6d %12d %12d%n", q, c.guest()[q], q < c.kernel().length ? c.kernel()[q] : 0));
        }
        return b.substring(0, b.length() - 1);
    }

    /** {@code lab:demo --vm}: the demo on a guest of its own, powered off at the end. */
    void demo(LabOptions o, PrintStream out, boolean json, boolean redraw) throws Exception {
        VmDemo.check(o);
        KernelSteering k = kernel;
        boolean steer = !o.strategy().equals("automq") && !o.kernelSteering().equals("automq");
        if (steer && (k == null || !k.isAvailable())) {
            throw new IllegalStateException("--vm --strategy " + o.strategy() + " needs kernel steering: "
                    + (k == null ? "the io.tapsteer.ebpf bundle is missing or stopped" : k.unavailabilityCause()));
        }
        RssConfig config = RssCommandsConfig.read(configurationAdmin).settings().configFor(o.queues());
        try (VmLab g = VmLab.start(tapCommands.taps(), scanCommands.inventory(), "vmdemo" + NEXT.getAndIncrement(), o.queues())) {
            VmDemo.run(g, tapCommands.taps(), o, config, k, out, json, redraw);
        }
    }
}
