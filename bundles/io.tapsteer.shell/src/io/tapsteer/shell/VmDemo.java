package io.tapsteer.shell;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.rss.RssEngine;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab:demo --vm}: lab traffic into the tap of a real guest. tapsteer attaches the strategy's
 * kernel program to QEMU's tap, sends the lab's flows, and shows per queue what the guest's own
 * driver counted beside tapsteer's prediction and the kernel's count.
 */
final class VmDemo {
    /** Above about 175k frames/s a TCG guest's tap drops frames. */
    static final long MAX_RATE = 150_000;
    private static final String OWNER = "lab";

    private final VmLab lab;
    private final LabOptions options;
    private final RssEngine engine;
    private final List<TrafficSource> sources = new ArrayList<>();
    private final List<int[]> flowQueues = new ArrayList<>();
    private final VmLab.Counts start;
    private final long started = System.nanoTime();

    private VmDemo(VmLab lab, LabOptions options, RssEngine engine, VmLab.Counts start) {
        this.lab = lab;
        this.options = options;
        this.engine = engine;
        this.start = start;
    }

    /** @throws IllegalArgumentException for options a guest demo cannot follow */
    static void check(LabOptions o) {
        if (o.rate() < 1 || o.rate() > MAX_RATE) {
            throw new IllegalArgumentException("--rate " + o.rate() + " with --vm is out of range: 1 to " + MAX_RATE
                    + " frames/s (an emulated guest drops frames above about 175000 frames/s)");
        }
        if (!o.strategy().equals("automq") && !o.strategy().equals(RssEngine.NAME)) {
            throw new IllegalArgumentException("--strategy '" + o.strategy() + "' with --vm: the guest's frames are steered in the kernel only, "
                    + "so use rss (its eBPF program) or automq");
        }
    }

    /** Runs the demo on {@code lab} and prints the live table and the report. */
    static void run(VmLab lab, TapService taps, LabOptions o, RssConfig config, KernelSteering kernel, PrintStream out, boolean json, boolean redraw)
            throws Exception {
        boolean steer = o.strategy().equals(RssEngine.NAME) && !o.kernelSteering().equals("automq");
        if (steer) {
            kernel.attach(lab.device, KernelProgram.rss(config), OWNER);
        }
        try {
            VmDemo d = new VmDemo(lab, o, steer ? new RssEngine(config) : null, lab.counts());
            d.startTraffic(taps);
            VmTable table = new VmTable(redraw);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.seconds());
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                if (!json) {
                    out.print(table.render(d.report()));
                    out.flush();
                }
            }
            d.sources.forEach(TrafficSource::await);
            VmReport r = d.drain();
            out.println(json ? r.json() : r.text());
        } finally {
            if (steer) {
                kernel.detach(lab.device, OWNER);
            }
        }
    }

    private void startTraffic(TapService taps) {
        int kinds = options.mixes().size();
        long rate = Math.max(1, options.rate() / kinds);
        long flowId = LabRun.FIRST_FLOW;
        ByteBuffer frame = ByteBuffer.allocateDirect(2048);
        for (int k = 0; k < kinds; k++) {
            int flows = options.flows() / kinds + (k < options.flows() % kinds ? 1 : 0);
            TrafficSource s = TrafficSource.builder(taps, lab.device).flows(flows).firstFlowId(flowId)
                    .mix(options.mixes().get(k)).rate(rate).frames(Long.MAX_VALUE).duration(Duration.ofSeconds(options.seconds())).build();
            int[] queues = new int[flows];
            if (engine != null) {
                for (int i = 0; i < flows; i++) {
                    queues[i] = engine.queueOf(frame, 0, s.writeFrameOf(i, frame, 0));
                }
            }
            sources.add(s);
            flowQueues.add(queues);
            flowId += flows;
        }
        sources.forEach(TrafficSource::start);
    }

    /** Waits (bounded) until the guest received every frame sent, or the tap counted it dropped. */
    private VmReport drain() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        VmReport r = report();
        while (r.received() + r.dropped() < r.sent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = report();
        }
        return r;
    }

    private VmReport report() throws Exception {
        VmLab.Counts now = lab.counts();
        int queues = now.guest().length;
        long[] guest = new long[queues];
        long[] kernel = new long[queues];
        long[] predicted = engine == null ? null : new long[queues];
        for (int q = 0; q < queues; q++) {
            guest[q] = now.guest()[q] - (q < start.guest().length ? start.guest()[q] : 0);
            kernel[q] = (q < now.kernel().length ? now.kernel()[q] : 0) - (q < start.kernel().length ? start.kernel()[q] : 0);
        }
        long sent = 0;
        for (int k = 0; k < sources.size(); k++) {
            TrafficSource s = sources.get(k);
            sent += s.sent();
            if (predicted != null) {
                int[] fq = flowQueues.get(k);
                for (int i = 0; i < fq.length; i++) {
                    predicted[fq[i] % queues] += s.sentOfFlow(i); // the kernel takes the program's queue modulo numqueues
                }
            }
        }
        long dropped = now.tap().txDropped() - start.tap().txDropped();
        return new VmReport(lab.tap, lab.kernel, lab.vm.pid(), options.strategy(), predicted != null ? "ebpf" : "automq", sent,
                dropped, options.flows(), (System.nanoTime() - started) / 1e9, options.seconds(), guest, predicted, kernel);
    }
}
