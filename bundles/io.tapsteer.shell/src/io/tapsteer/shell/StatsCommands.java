package io.tapsteer.shell;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.stats.StatsJson;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code stats:} commands: show, watch, top; text (the stats bundle's layout) or JSON. */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = StatsCommands.class, immediate = true, property = {"osgi.command.scope=stats",
        "osgi.command.function=show", "osgi.command.function=watch", "osgi.command.function=top"})
public final class StatsCommands {
    @Reference
    private StatsService stats;
    private BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
    }

    private StatsService stats(String host) {
        return host.isEmpty() ? stats : LabHostChoice.need(host, "stats service", LabHostChoice.services(context, host).stats());
    }

    @Descriptor("per-queue and per-lane counters, rates, shares, balance, kernel counters and top flows of a device")
    public String show(
            @Descriptor("device, needed when several are tracked") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("rate window in seconds, 0 for the default") @Parameter(names = {"-w", "--window"}, absentValue = "0") int window,
            @Descriptor("print JSON instead of text") @Parameter(names = "--json", absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) {
        StatsService stats = stats(host);
        DeviceStats s = snapshot(stats, device(stats, device), window);
        return json ? StatsJson.device(s) : StatsFormat.report(s);
    }

    @Descriptor("print the device's statistics every interval, a bounded number of times")
    public Object watch(CommandSession session,
            @Descriptor("device, needed when several are tracked") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("seconds between prints, 1 to 60") @Parameter(names = {"-i", "--interval"}, absentValue = "1") int interval,
            @Descriptor("how many prints, 1 to 3600") @Parameter(names = {"-n", "--count"}, absentValue = "10") int count,
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) throws InterruptedException {
        if (interval < 1 || interval > 60) {
            throw new IllegalArgumentException("--interval " + interval + " is out of range: 1 to 60 seconds");
        }
        if (count < 1 || count > 3600) {
            throw new IllegalArgumentException("--count " + count + " is out of range: 1 to 3600");
        }
        StatsService stats = stats(host);
        String d = device(stats, device);
        PrintStream out = session.getConsole();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                Thread.sleep(interval * 1000L);
            }
            out.println(StatsFormat.report(stats.snapshot(d)));
            out.println();
            out.flush();
        }
        return null;
    }

    @Descriptor("the heaviest flows of a device: flow, packets, share, queue, lane")
    public String top(
            @Descriptor("device, needed when several are tracked") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("how many flows, 1 to 100") @Parameter(names = {"-n", "--count"}, absentValue = "10") int count,
            @Descriptor("a lab host (host:list) instead of this runtime") @Parameter(names = "--host", absentValue = "") String host) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("--count " + count + " is out of range: 1 to 100");
        }
        StatsService stats = stats(host);
        DeviceStats s = stats.snapshot(device(stats, device));
        return StatsFormat.topFlows(s.topFlows().subList(0, Math.min(count, s.topFlows().size())));
    }

    private static DeviceStats snapshot(StatsService stats, String device, int window) {
        if (window < 0) {
            throw new IllegalArgumentException("--window " + window + " must be 0 (the default) or more seconds");
        }
        return window == 0 ? stats.snapshot(device) : stats.snapshot(device, Duration.ofSeconds(window));
    }

    private static String device(StatsService stats, String device) {
        List<String> all = stats.devices();
        if (!device.isEmpty()) {
            return device;
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no device is tracked: steer one first (lab:start, or an io.tapsteer.queue-NAME.cfg in conf/)");
        }
        if (all.size() > 1) {
            throw new IllegalArgumentException("several devices are tracked: name one with --device (" + String.join(", ", all) + ")");
        }
        return all.get(0);
    }
}
