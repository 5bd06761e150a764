package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ui.LabSources;
import io.tapsteer.ui.WindowCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What a user does in an IDE that installed tapsteer: opens the five views, creates a lab device
 * from the Lab view (its Create runs a queue manager on the tap, in a private namespace), starts
 * the Lab view's traffic source into it and waits for live frames of that device in Queue traffic
 * and Tap topology. Writes {@code report.properties} and {@code ide.png}
 * (the window) into the report folder, deletes what it made and closes the IDE. Every wait is
 * bounded; a step that fails ends the run with {@code result=failed} and the reason.
 */
final class IdeRun {
    static final String[] VIEWS = { "io.tapsteer.ui.topology", "io.tapsteer.ui.traffic", "io.tapsteer.ui.steering",
            "io.tapsteer.ui.flows", "io.tapsteer.ui.lab", "io.tapsteer.ui.whatif" };
    private static final int POLL_MILLIS = 250;

    private final IWorkbench workbench;
    private final Display display;
    private final Path folder;
    private final Map<String, String> report = new LinkedHashMap<>();
    private final List<Runnable> cleanup = new ArrayList<>();
    private LabView lab;
    private QueueTrafficView traffic;
    private TopologyView topology;
    private WhatIfView whatIf;
    private QueueManager manager;

    IdeRun(IWorkbench workbench, Path folder) {
        this.workbench = workbench;
        this.display = workbench.getDisplay();
        this.folder = folder;
    }

    /** A step: true when done, false to be asked again at the next poll. */
    private record Step(String name, long millis, BooleanSupplier done) {
    }

    void start() {
        System.out.println("tapsteer ide test: the workbench is up");
        report.put("bundles", bundleStates());
        List<Step> steps = List.of(new Step("open the views", 5_000, this::openViews),
                new Step("create a lab device from the Lab view", 20_000, this::labDevice),
                new Step("a queue manager runs the Lab view's device", 20_000, this::queueManager),
                new Step("start the Lab view's traffic", 20_000, this::startTraffic),
                new Step("live frames in Queue traffic and Tap topology", 40_000, this::live),
                new Step("capture from Queue traffic", 20_000, this::capture),
                new Step("what if on that capture", 30_000, this::whatIf),
                new Step("a few seconds of history, Queue traffic in front", 5_000, this::trafficInFront));
        run(steps, 0, System.currentTimeMillis());
    }

    private void run(List<Step> steps, int i, long since) {
        if (i == steps.size()) {
            finish(null);
            return;
        }
        Step s = steps.get(i);
        boolean done;
        try {
            done = s.done().getAsBoolean();
        } catch (RuntimeException e) {
            finish(s.name() + ": " + e);
            return;
        }
        long waited = System.currentTimeMillis() - since;
        if (done) {
            report.put("step." + (i + 1), s.name() + " (" + waited + " ms)");
            System.out.println("tapsteer ide test: " + s.name() + " (" + waited + " ms)");
            display.timerExec(POLL_MILLIS, () -> run(steps, i + 1, System.currentTimeMillis()));
        } else if (waited > s.millis()) {
            if (i == steps.size() - 1) { // the last step only waits
                run(steps, i + 1, since);
            } else {
                finish(s.name() + ": not done within " + s.millis() / 1000 + " s");
            }
        } else {
            display.timerExec(POLL_MILLIS, () -> run(steps, i, since));
        }
    }

    private boolean openViews() {
        IWorkbenchPage page = workbench.getActiveWorkbenchWindow().getActivePage();
        for (String id : VIEWS) {
            try {
                page.showView(id);
            } catch (PartInitException e) {
                throw new IllegalStateException("view " + id + " did not open: " + e.getMessage(), e);
            }
        }
        lab = part(VIEWS[4], LabView.class);
        traffic = part(VIEWS[1], QueueTrafficView.class);
        topology = part(VIEWS[0], TopologyView.class);
        whatIf = part(VIEWS[5], WhatIfView.class);
        return true;
    }

    private <T> T part(String id, Class<T> type) {
        MApplication app = workbench.getService(MApplication.class);
        EModelService models = workbench.getService(EModelService.class);
        for (MPart p : models.findElements(app, id, MPart.class, null)) {
            if (type.isInstance(p.getObject())) {
                return type.cast(p.getObject());
            }
        }
        throw new IllegalStateException("view " + id + " has no " + type.getSimpleName() + " object");
    }

    private boolean labCreated;

    private boolean labDevice() {
        if (!labCreated) {
            labCreated = true;
            lab.name().setText("idelab%d");
            lab.queues().setSelection(2);
            lab.withManager().setSelection(true); // what Create does unless the user unchecks it
            lab.createDevice();
            cleanup.add(() -> {
                for (int n = lab.devices().list().size(); n > 0; n--) {
                    lab.closeDevice(0); // the list widget follows later, from the close task
                }
            });
            return false;
        }
        if (lab.deviceList().getItemCount() == 1) {
            report.put("lab.device", lab.deviceList().getItem(0));
            report.put("lab.status", lab.status().getText());
            return true;
        }
        report.put("lab.status", lab.status().getText());
        return false;
    }

    /** The Lab view's Create runs a queue manager on its tap (a private-namespace configuration): find it. */
    private boolean queueManager() {
        List<TapDevice> made = lab.devices().list();
        if (made.isEmpty()) {
            return false;
        }
        TapDevice d = made.get(0);
        report.put("lab.managed", String.valueOf(lab.devices().hasManager(d)));
        for (QueueManager m : Services.get().managers()) {
            if (m.device() == d) {
                manager = m;
                report.put("queue.device", m.device().name());
                return true;
            }
        }
        return false;
    }

    private boolean trafficStarted;

    private boolean startTraffic() {
        LabTraffic t = lab.traffic();
        if (trafficStarted) {
            report.put("lab.traffic", t.status().getText() + " " + t.error().getText());
            return LabSources.sending(manager.device().name());
        }
        int at = t.targets().indexOf(manager.device());
        if (at < 0 || !t.startButton().isEnabled()) {
            return false;
        }
        t.target().select(at);
        t.show(t.targets());
        t.flows().setSelection(256);
        t.rate().setSelection(20_000);
        t.frames().setSelection(3_000_000);
        t.seconds().setSelection(60);
        t.start();
        trafficStarted = true;
        cleanup.add(() -> LabSources.stop(manager.device().name()));
        traffic.choose(manager.device().name());
        return false;
    }

    private boolean live() {
        report.put("live.traffic", String.valueOf(traffic.live()));
        report.put("live.topology", String.valueOf(topology.live()));
        report.put("live.lab", String.valueOf(lab.live()));
        long rx = topology.model().devices().stream().filter(d -> d.device() == manager.device())
                .flatMap(d -> d.queues().stream()).mapToLong(q -> Math.max(0, q.rxPackets())).sum();
        report.put("topology.lab.rx", String.valueOf(rx));
        report.put("traffic.summary", traffic.summary().getText());
        DeviceStats s = traffic.model().stats();
        if (s != null) {
            report.put("traffic.device", s.device());
            report.put("traffic.pps", String.valueOf(Math.round(s.rxRate().packetsPerSecond())));
            report.put("traffic.queues", String.valueOf(s.queues().size()));
        }
        return traffic.live() && topology.live() && lab.live() && rx > 0;
    }

    private boolean captureStarted;

    /** Captures 2000 frames of the fed device with Queue traffic's Capture row. */
    private boolean capture() {
        CaptureBar bar = traffic.capture();
        if (!captureStarted) {
            captureStarted = true;
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the report folder " + folder + ": " + e.getMessage(), e);
            }
            bar.file().setText(folder.resolve("ide-capture.pcapng").toString());
            bar.frames().setSelection(2000);
            bar.seconds().setSelection(15);
            bar.start();
            return false;
        }
        report.put("capture.status", bar.status().getText());
        return bar.status().getText().startsWith("captured") || bar.status().getText().startsWith("Capture failed");
    }

    private boolean compared;

    /** Runs that capture through RSS on two queues in the What-if view. */
    private boolean whatIf() {
        if (!compared) {
            compared = true;
            whatIf.file().setText(folder.resolve("ide-capture.pcapng").toString());
            whatIf.queues().setSelection(4);
            whatIf.rss().setText("equal 2");
            whatIf.compare();
            return false;
        }
        report.put("whatif.status", whatIf.status().getText());
        var r = whatIf.result();
        if (r == null) {
            return whatIf.status().getText().startsWith("What if failed");
        }
        report.put("whatif.frames", String.valueOf(r.frames()));
        report.put("whatif.candidates", String.join(",", r.candidates().stream().map(c -> c.name() + "=" + c.frames()).toList()));
        return true;
    }

    private boolean inFront;

    /** Brings Queue traffic to the front, maximized, for the screenshot; then only waits. */
    private boolean trafficInFront() {
        if (!inFront) {
            inFront = true;
            IWorkbenchPage page = workbench.getActiveWorkbenchWindow().getActivePage();
            IViewReference ref = page.findViewReference(VIEWS[1]);
            if (ref != null) {
                page.activate(ref.getPart(true));
                page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
            }
        }
        return false;
    }

    private void finish(String failure) {
        report.put("result", failure == null ? "ok" : "failed");
        if (failure != null) {
            report.put("failure", failure);
        }
        try {
            Files.createDirectories(folder);
            Shell shell = workbench.getActiveWorkbenchWindow().getShell();
            WindowCapture.save(shell, folder.resolve("ide.png").toString());
        } catch (IOException | RuntimeException e) {
            report.put("screenshot", "none: " + e);
        }
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).run();
            } catch (RuntimeException e) {
                report.put("cleanup." + i, e.toString());
            }
        }
        // the taps go with the queue manager and the Lab view: wait (bounded) until they did
        closeWhenGone(System.currentTimeMillis() + 10_000);
    }

    private void closeWhenGone(long until) {
        List<String> left = Services.get().devices().stream().filter(d -> !d.isClosed()).map(TapDevice::name).toList();
        if (!left.isEmpty() && System.currentTimeMillis() < until) {
            display.timerExec(POLL_MILLIS, () -> closeWhenGone(until));
            return;
        }
        report.put("devices.left", left.toString());
        write();
        System.out.println("tapsteer ide test: " + report.get("result") + ", closing the IDE");
        workbench.close();
    }

    private void write() {
        StringBuilder b = new StringBuilder();
        report.forEach((k, v) -> b.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", "\\n")).append('\n'));
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("report.properties"), b);
        } catch (IOException e) {
            System.err.println("tapsteer ide test: could not write the report: " + e.getMessage());
        }
    }

    /** @return the state of each tapsteer bundle, ConfigAdmin and SCR, as name:STATE pairs */
    private static String bundleStates() {
        StringBuilder b = new StringBuilder();
        for (Bundle x : FrameworkUtil.getBundle(IdeRun.class).getBundleContext().getBundles()) {
            String n = x.getSymbolicName();
            if (n != null && (n.startsWith("io.tapsteer.") || n.equals("org.apache.felix.configadmin") || n.equals("org.apache.felix.scr"))) {
                String state = switch (x.getState()) {
                    case Bundle.ACTIVE -> "ACTIVE";
                    case Bundle.STARTING -> "STARTING";
                    case Bundle.RESOLVED -> "RESOLVED";
                    case Bundle.INSTALLED -> "INSTALLED";
                    default -> String.valueOf(x.getState());
                };
                b.append(b.length() == 0 ? "" : ",").append(n).append(':').append(state);
            }
        }
        return b.toString();
    }
}
