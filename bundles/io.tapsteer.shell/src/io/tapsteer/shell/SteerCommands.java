package io.tapsteer.shell;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.remote.HostServices;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssInput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code steer:} commands: list, use, show, explain. */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = SteerCommands.class, immediate = true, property = {"osgi.command.scope=steer",
        "osgi.command.function=list", "osgi.command.function=use", "osgi.command.function=show",
        "osgi.command.function=explain"})
public final class SteerCommands {
    private Services services;
    private BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        services = new Services(ctx);
    }

    @Descriptor("list every registered steering strategy (live: bundles dropped into deploy/ show up)")
    public Object list(
            @Descriptor("a lab host (host:list): the strategies its steered devices can use") @Parameter(names = "--host", absentValue = "") String host) {
        if (!host.isEmpty()) {
            return remoteList(host);
        }
        List<QueueManager> managers = services.managers();
        List<SteerView.StrategyRow> rows = new ArrayList<>();
        for (Services.Strategy s : services.strategies()) {
            List<String> on = managers.stream().filter(m -> m.activeStrategy().equals(s.name())).map(m -> m.device().name()).toList();
            boolean kernel;
            try {
                kernel = s.service().kernelProgram(1) != null;
            } catch (RuntimeException e) {
                kernel = false;
            }
            rows.add(new SteerView.StrategyRow(s.name(), s.service().description(), s.service().keepsFlowOrder(), kernel, s.bundle(), on));
        }
        return rows;
    }

    /** A host's strategies as its queue managers name them, and which device uses each. */
    private String remoteList(String host) {
        SortedMap<String, QueueManager> all = LabHostChoice.services(context, host).queueManagers();
        if (all.isEmpty()) {
            return "no device is being steered on host " + host + ": its strategies show once one is (lab:start there)";
        }
        java.util.TreeMap<String, List<String>> on = new java.util.TreeMap<>();
        for (Map.Entry<String, QueueManager> e : all.entrySet()) {
            e.getValue().strategies().forEach(n -> on.computeIfAbsent(n, k -> new ArrayList<>()));
            on.computeIfAbsent(e.getValue().activeStrategy(), k -> new ArrayList<>()).add(e.getKey());
        }
        StringBuilder b = new StringBuilder(String.format("%-20s %s%n", "STRATEGY (host " + host + ")", "ACTIVE ON"));
        on.forEach((name, devices) -> b.append(String.format("%-20s %s%n", name, devices.isEmpty() ? "-" : String.join(", ", devices))));
        return b.toString().stripTrailing();
    }

    @Descriptor("switch a device to a strategy (no frame lost, flows stay in order)")
    public SteerView.Device use(
            @Descriptor("device, needed when several are steered") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host,
            @Descriptor("strategy name, as steer:list shows it") String strategy) {
        if (!host.isEmpty()) {
            HostServices h = LabHostChoice.services(context, host);
            Map.Entry<String, QueueManager> m = remote(h, device);
            m.getValue().useStrategy(strategy);
            return show(m.getKey(), m.getValue(), h.refusals());
        }
        QueueManager m = services.manager(device);
        m.useStrategy(strategy);
        return show(m.device().name(), m, services.refusals());
    }

    @Descriptor("show a steered device: active strategy, how it is applied, per-queue and per-lane counters")
    public SteerView.Device show(
            @Descriptor("device, needed when several are steered") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) {
        if (!host.isEmpty()) {
            HostServices h = LabHostChoice.services(context, host);
            Map.Entry<String, QueueManager> m = remote(h, device);
            return show(m.getKey(), m.getValue(), h.refusals());
        }
        QueueManager m = services.manager(device);
        return show(m.device().name(), m, services.refusals());
    }

    /** A lab host's queue manager: the device's name is the key (a remote manager's device() is a live handle). */
    private static Map.Entry<String, QueueManager> remote(HostServices services, String device) {
        String host = services.host();
        SortedMap<String, QueueManager> all = services.queueManagers();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no device is being steered on host " + host + ": start one there (lab:start, "
                    + "or an io.tapsteer.queue-NAME.cfg in its conf/)");
        }
        if (device.isEmpty()) {
            if (all.size() > 1) {
                throw new IllegalArgumentException("several devices are steered on host " + host + ": name one with --device ("
                        + String.join(", ", all.keySet()) + ")");
            }
            return all.entrySet().iterator().next();
        }
        QueueManager m = all.get(device);
        if (m == null) {
            throw new IllegalArgumentException("device '" + device + "' is not steered on host " + host + ": steered are "
                    + String.join(", ", all.keySet()));
        }
        return Map.entry(device, m);
    }

    private static SteerView.Device show(String name, QueueManager m, List<String> refused) {
        return new SteerView.Device(name, m.activeStrategy(), m.steering(), m.lanes(), m.queueCounters(), m.laneCounters(), refused);
    }

    @Descriptor("explain where a frame goes: fields hashed, hash, table slot, queue, kernel or user path")
    public SteerView.Explained explain(
            @Descriptor("device, needed when several are steered") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("strategy, default the device's active one") @Parameter(names = {"-s", "--strategy"}, absentValue = "") String strategy,
            @Descriptor("lanes when no device is steered") @Parameter(names = {"-l", "--lanes"}, absentValue = "4") int lanes,
            @Descriptor("source ADDRESS:PORT (IPv6 as [2001:db8::1]:80)") @Parameter(names = "--src", absentValue = "") String src,
            @Descriptor("destination ADDRESS:PORT") @Parameter(names = "--dst", absentValue = "") String dst,
            @Descriptor("tcp or udp") @Parameter(names = "--proto", absentValue = "udp") String proto,
            @Descriptor("a whole Ethernet frame in hex instead of --src/--dst") String... frameHex) {
        QueueManager m = services.managers().isEmpty() && device.isEmpty() ? null : services.manager(device);
        String name = !strategy.isEmpty() ? strategy : m != null ? m.activeStrategy() : "automq";
        SteeringStrategy s = services.strategy(name);
        if (s == null) {
            throw new IllegalArgumentException("no strategy named '" + name + "': registered are "
                    + services.strategies().stream().map(Services.Strategy::name).toList());
        }
        if (lanes < 1 || lanes > 256) {
            throw new IllegalArgumentException("lanes " + lanes + " is out of range: 1 to 256");
        }
        byte[] bytes = frameHex.length > 0 ? hexFrame(String.join("", frameHex)) : tupleFrame(src, dst, proto);
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        Frame frame = new Frame(null).set(buf, 0, bytes.length, 0, -1);
        int n = m != null ? m.lanes() : lanes;
        return new SteerView.Explained(m == null ? "" : m.device().name(), m == null ? "" : m.steering(), s.explain(frame, n));
    }

    private static byte[] hexFrame(String hex) {
        String h = hex.replace(":", "").replace(" ", "");
        if (h.length() < 28 || h.length() % 2 != 0 || !h.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("frame '" + hex + "' is not an Ethernet frame in hex: give at least 14 bytes, "
                    + "plain or colon-separated (or use --src A:P --dst B:P --proto tcp|udp)");
        }
        return HexFormat.of().parseHex(h);
    }

    private static byte[] tupleFrame(String src, String dst, String proto) {
        if (src.isEmpty() || dst.isEmpty()) {
            throw new IllegalArgumentException("give a flow as --src A:P --dst B:P [--proto tcp|udp], or a frame in hex");
        }
        RssInput.Endpoint s = RssInput.endpoint("--src", src);
        RssInput.Endpoint d = RssInput.endpoint("--dst", dst);
        RssInput.sameFamily("--src", src, s.address(), "--dst", dst, d.address());
        int protocol = RssInput.protocol("--proto", proto).equals("tcp") ? FrameBuilder.TCP : FrameBuilder.UDP;
        return FrameBuilder.flowFrame(s.address(), d.address(), s.port(), d.port(), protocol);
    }
}
