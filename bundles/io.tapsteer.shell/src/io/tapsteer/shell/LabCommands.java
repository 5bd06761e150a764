package io.tapsteer.shell;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.CaptureReplay;
import io.tapsteer.lab.TrafficSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code lab:} commands: {@code demo} (the main job: a private namespace, a multiqueue tap, lab
 * traffic, a live per-queue table, everything removed at the end), and {@code start}/{@code stop}
 * to keep traffic running while other commands (steer:use, steer:list) act on it, and
 * {@code replay} to send a capture's frames through a lab tap.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = LabCommands.class, immediate = true, property = {"osgi.command.scope=lab",
        "osgi.command.function=demo", "osgi.command.function=start", "osgi.command.function=stop",
        "osgi.command.function=replay"})
public final class LabCommands {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final Map<String, LabRun> runs = new ConcurrentHashMap<>();
    private BundleContext context;
    private Services services;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference
    private TapCommands tapCommands;

    @Reference
    private VmCommands vmCommands;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        services = new Services(ctx);
    }

    /** Stops every run: its tap and namespace go with it (also on Ctrl-C, when the framework stops). */
    @Deactivate
    void deactivate() {
        runs.values().forEach(LabRun::close);
        runs.clear();
    }

    @Descriptor("run the lab: private namespace, multiqueue tap, traffic, live per-queue table; removes everything at the end")
    public Object demo(CommandSession session,
            @Descriptor("tap queues, 1 to 256") @Parameter(names = "--queues", absentValue = "4") int queues,
            @Descriptor("flows, 1 to 65536") @Parameter(names = "--flows", absentValue = "1024") int flows,
            @Descriptor("seconds of traffic, 1 to 600") @Parameter(names = "--seconds", absentValue = "5") int seconds,
            @Descriptor("frames per second, 0 for as fast as possible") @Parameter(names = "--rate", absentValue = "100000") long rate,
            @Descriptor("comma-separated: " + LabOptions.MIXES) @Parameter(names = "--mix", absentValue = "ipv4-udp,ipv4-tcp,ipv6-tcp,ipv6-udp") String mix,
            @Descriptor("steering strategy (steer:list)") @Parameter(names = "--strategy", absentValue = "automq") String strategy,
            @Descriptor("auto, ebpf or automq") @Parameter(names = "--kernel-steering", absentValue = "auto") String kernelSteering,
            @Descriptor("end with one JSON object on the last line, no live table") @Parameter(names = "--json", absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("redraw the table in place (a terminal)") @Parameter(names = "--redraw", absentValue = "false", presentValue = "true") boolean redraw,
            @Descriptor("a real guest (QEMU) on the tap instead of tapsteer's readers: its own per-queue counters beside the prediction")
            @Parameter(names = "--vm", absentValue = "false", presentValue = "true") boolean vm)
            throws Exception {
        LabOptions o = new LabOptions(queues, flows, seconds, rate, LabOptions.mixes(mix), strategy, kernelSteering);
        PrintStream out = session.getConsole();
        if (vm) {
            vmCommands.demo(o, out, json, redraw);
            return null;
        }
        LabRun run = start(o, "demo");
        try {
            LiveTable table = new LiveTable(redraw);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            boolean stopped = false;
            try {
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    if (!json) {
                        out.print(table.render(run));
                        out.flush();
                    }
                }
            } catch (InterruptedException e) {
                // Ctrl-C: stop the traffic and end with the summary so far, as at the end of the run
                stopped = true;
            }
            if (stopped) {
                run.stopTraffic();
            } else {
                run.awaitTraffic();
            }
            run.drain();
            DemoReport r = report(run);
            if (json) {
                out.println(r.json());
            } else {
                out.println(r.text());
            }
            return null;
        } finally {
            runs.remove(run.device);
            run.close();
        }
    }

    @Descriptor("start lab traffic on a new tap in a private namespace; it runs until lab:stop or --seconds")
    public String start(
            @Descriptor("tap queues, 1 to 256") @Parameter(names = "--queues", absentValue = "4") int queues,
            @Descriptor("flows, 1 to 65536") @Parameter(names = "--flows", absentValue = "1024") int flows,
            @Descriptor("seconds of traffic, 1 to 600") @Parameter(names = "--seconds", absentValue = "60") int seconds,
            @Descriptor("frames per second, 0 for as fast as possible") @Parameter(names = "--rate", absentValue = "20000") long rate,
            @Descriptor("comma-separated: " + LabOptions.MIXES) @Parameter(names = "--mix", absentValue = "ipv4-udp,ipv4-tcp,ipv6-tcp,ipv6-udp") String mix,
            @Descriptor("steering strategy (steer:list)") @Parameter(names = "--strategy", absentValue = "automq") String strategy)
            throws Exception {
        LabRun run = start(new LabOptions(queues, flows, seconds, rate, LabOptions.mixes(mix), strategy, "auto"), "lab");
        return "lab traffic on " + run.device + " (" + run.manager.steering() + "); stop it with lab:stop " + run.device;
    }

    @Descriptor("stop lab traffic: waits for every frame, prints the counts, removes the tap and namespace")
    public String stop(
            @Descriptor("end with one JSON object instead of text") @Parameter(names = "--json", absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("device, as lab:start printed it; empty for the only one") String... device) throws Exception {
        String name = device.length > 0 ? device[0] : "";
        LabRun run = name.isEmpty() && runs.size() == 1 ? runs.values().iterator().next() : runs.get(name);
        if (run == null) {
            throw new IllegalArgumentException(runs.isEmpty() ? "no lab traffic runs: start it with lab:start"
                    : "no lab run on '" + name + "': running are " + List.copyOf(runs.keySet()));
        }
        try {
            run.stopTraffic();
            run.drain();
            DemoReport r = report(run);
            return json ? r.json() : r.text();
        } finally {
            runs.remove(run.device);
            run.close();
        }
    }

    @Descriptor("send a capture's Ethernet frames into a lab tap: a new one for this replay (removed at the end), or a running lab's with --device")
    public String replay(
            @Descriptor("a running lab's device (lab:start); absent: a new lab tap") @Parameter(names = "--device", absentValue = "") String device,
            @Descriptor("frames per second, 0 for as fast as possible") @Parameter(names = "--rate", absentValue = "20000") long rate,
            @Descriptor("passes over the file, 1 to 1000") @Parameter(names = "--loop", absentValue = "1") int loop,
            @Descriptor("most seconds the replay takes, 1 to 600") @Parameter(names = "--seconds", absentValue = "60") int seconds,
            @Descriptor("queues of a new lab tap, 1 to 256 (default 4)") @Parameter(names = "--queues", absentValue = "0") int queues,
            @Descriptor("strategy of a new lab tap (default automq)") @Parameter(names = "--strategy", absentValue = "") String strategy,
            @Descriptor("the capture: pcap or pcapng of Ethernet frames") String file) throws Exception {
        Path path = Path.of(file);
        if (!device.isEmpty()) {
            if (queues != 0 || !strategy.isEmpty()) {
                throw new IllegalArgumentException("--queues and --strategy shape a new lab tap; with --device " + device
                        + " the running lab's tap keeps its own (change its strategy with steer:use)");
            }
            LabRun run = runs.get(device);
            if (run == null) {
                throw new IllegalArgumentException("no lab run on '" + device + "': lab:replay sends only into a lab's tap in its private namespace; "
                        + (runs.isEmpty() ? "none runs (start one with lab:start, or leave out --device)" : "running are " + List.copyOf(runs.keySet())));
            }
            return ReplayReport.line(path, run.device, run.replay(tapCommands.taps(), path, rate, loop, seconds));
        }
        LabOptions o = new LabOptions(queues == 0 ? 4 : queues, 1, seconds, rate, List.of(TrafficSource.Mix.MIXED),
                strategy.isEmpty() ? "automq" : strategy, "auto");
        io.tapsteer.lab.capture.CaptureFile.open(path).close(); // a bad file is refused before a tap is made
        String name = "replay" + NEXT.getAndIncrement();
        LabRun run = LabRun.start(context, configurationAdmin, tapCommands.taps(), services, o, name, false);
        runs.put(name, run);
        try {
            CaptureReplay.Result r = run.replay(tapCommands.taps(), path, rate, loop, seconds);
            run.drain();
            return ReplayReport.line(path, name, r) + "\n" + report(run).text();
        } finally {
            runs.remove(name);
            run.close();
        }
    }

    private LabRun start(LabOptions o, String prefix) throws Exception {
        TapService taps = tapCommands.taps();
        String device = prefix + NEXT.getAndIncrement();
        LabRun run = LabRun.start(context, configurationAdmin, taps, services, o, device);
        runs.put(device, run);
        return run;
    }

    private static DemoReport report(LabRun run) {
        List<DemoReport.Queue> qs = new ArrayList<>();
        for (CounterSnapshot q : run.manager.queueCounters()) {
            java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
            for (io.tapsteer.api.stats.DropReason d : io.tapsteer.api.stats.DropReason.values()) {
                if (q.drops(d) > 0) {
                    reasons.put(d.label(), q.drops(d));
                }
            }
            qs.add(new DemoReport.Queue(q.index(), q.rxPackets(), q.rxBytes(), q.totalDrops(), reasons));
        }
        // what the kernel does: runs the strategy's program, or its own automq (user-space steering sits on top)
        String kernel = run.manager.kernelProgramSteers() ? "ebpf" : "automq";
        LabDrops drops = run.drops();
        return new DemoReport(run.device, run.manager.activeStrategy(), kernel, run.sent(), run.received(), drops.total(), drops,
                run.deviceGone(), run.observer.predicts(), run.observer.misrouted(), run.observer.outOfOrder(), run.elapsedSeconds(),
                run.hasTraffic() ? run.options.flows() : 0, qs);
    }
}
