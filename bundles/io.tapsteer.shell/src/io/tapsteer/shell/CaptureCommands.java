package io.tapsteer.shell;

import io.tapsteer.api.capture.CaptureSummary;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.lab.capture.PcapngWriter;
import io.tapsteer.lab.capture.QueueCapture;
import io.tapsteer.rss.RssEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code stats:capture}: a device's frames, as the pollers deliver them, into a pcapng file for
 * Wireshark, one interface per tap queue ({@link QueueCapture}).
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = CaptureCommands.class, immediate = true, property = {"osgi.command.scope=stats",
        "osgi.command.function=capture"})
public final class CaptureCommands {
    @Reference
    private ConfigurationAdmin configurationAdmin;
    private BundleContext context;
    private Services services;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        services = new Services(ctx);
    }

    @Descriptor("capture a device's frames into a pcapng file: one interface per tap queue, each frame's RSS hash, hash type and lane in its options")
    public String capture(
            @Descriptor("device, needed when several are steered") @Parameter(names = {"-d", "--device"}, absentValue = "") String device,
            @Descriptor("tap queues to capture, for example 0,2-3; absent: all") @Parameter(names = "--queues", absentValue = "") String queues,
            @Descriptor("most seconds, 1 to 3600") @Parameter(names = "--seconds", absentValue = "10") int seconds,
            @Descriptor("most frames, 1 to 100000000") @Parameter(names = "--frames", absentValue = "1000000") long frames,
            @Descriptor("most bytes kept of each frame, 64 to 262144") @Parameter(names = "--snaplen", absentValue = "262144") int snaplen,
            @Descriptor("the pcapng file to write") String file) throws Exception {
        checkBounds(seconds, frames, snaplen);
        CaptureSummary r = run(context, services, configurationAdmin, device, queues, seconds, frames, snaplen, Path.of(file));
        return r.text();
    }

    /**
     * The capture itself, for the command and for {@link CaptureServiceComponent}: arguments
     * already range-checked.
     *
     * @throws IllegalStateException when writing failed, with the summary of what was written
     */
    static CaptureSummary run(BundleContext context, Services services, ConfigurationAdmin configurationAdmin, String device,
            String queues, int seconds, long frames, int snaplen, Path path) throws IOException {
        QueueManager m = services.manager(device);
        int n = Math.max(1, m.device().attachedQueues());
        boolean[] wanted = queueList(queues, n);
        RssEngine rss = new RssEngine(RssCommandsConfig.read(configurationAdmin).settings().configFor(n));
        String name = m.device().name();
        QueueCapture capture = new QueueCapture(name, wanted, m.lanes(), snaplen, rss);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameHandler.DEVICE, name);
        ServiceRegistration<FrameHandler> reg = context.registerService(FrameHandler.class, capture, p);
        QueueCapture.Result r;
        try (PcapngWriter out = PcapngWriter.create(path, capture.interfaceNames(), snaplen)) {
            r = capture.write(path, out, frames, seconds);
        } finally {
            reg.unregister();
        }
        String summary = summary(path, name, capture.interfaceNames(), r);
        if (r.failure() != null) {
            throw new IllegalStateException(r.failure() + "\n" + summary);
        }
        List<Long> perQueue = new ArrayList<>();
        for (long q : r.perQueue()) {
            perQueue.add(q);
        }
        return new CaptureSummary(path, name, capture.interfaceNames(), List.copyOf(perQueue), r.notCaptured(), r.bytes(),
                r.stoppedBy(), summary);
    }

    /** @throws IllegalArgumentException naming the bound that is out of range */
    static void checkBounds(int seconds, long frames, int snaplen) {
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("--seconds " + seconds + " is out of range: 1 to 3600");
        }
        if (frames < 1 || frames > 100_000_000L) {
            throw new IllegalArgumentException("--frames " + frames + " is out of range: 1 to 100000000");
        }
        if (snaplen < 64 || snaplen > 262_144) {
            throw new IllegalArgumentException("--snaplen " + snaplen + " is out of range: 64 to 262144 bytes");
        }
    }

    private static String summary(Path path, String device, List<String> names, QueueCapture.Result r) {
        StringBuilder b = new StringBuilder("captured ").append(r.frames()).append(" frames of ").append(device).append(" into ")
                .append(path).append(" (").append(r.bytes()).append(" bytes, stopped by ")
                .append(r.stoppedBy().equals("interrupted") ? "Ctrl-C" : "--" + r.stoppedBy()).append("):");
        for (int q = 0; q < names.size(); q++) {
            b.append(q == 0 ? " " : ", ").append(names.get(q)).append(' ').append(r.perQueue()[q]);
        }
        b.append("; not captured: ").append(r.notCaptured()).append(" (delivered while the writer was behind)");
        return b.toString();
    }

    /** @return which of {@code n} queues {@code list} ("0,2-3", empty for all) names */
    static boolean[] queueList(String list, int n) {
        boolean[] wanted = new boolean[n];
        if (list.isBlank()) {
            java.util.Arrays.fill(wanted, true);
            return wanted;
        }
        for (String part : list.split(",")) {
            String s = part.strip();
            String[] range = s.split("-", 2);
            int from;
            int to;
            try {
                from = Integer.parseInt(range[0].strip());
                to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--queues '" + list + "': '" + s + "' is not a queue or a range like 2-3");
            }
            if (from < 0 || to >= n || from > to) {
                throw new IllegalArgumentException("--queues '" + list + "': '" + s + "' is outside the device's queues 0 to " + (n - 1));
            }
            for (int q = from; q <= to; q++) {
                wanted[q] = true;
            }
        }
        return wanted;
    }
}
