package io.tapsteer.ui.internal;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.ui.LiveView;
import io.tapsteer.ui.internal.TopologyModel.DeviceNode;
import io.tapsteer.ui.internal.TopologyModel.HostNode;
import io.tapsteer.ui.internal.TopologyModel.NamespaceNode;
import io.tapsteer.ui.internal.TopologyModel.QueueNode;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;

/**
 * The whole host as a graph: its network namespaces, every tun/tap in them (tapsteer's own and those
 * other processes hold, such as a VMM's), each with its flags, holders (process, pid, fds) and
 * steering program, and its queues. A queue node shows its kernel index and its load (colour from
 * idle green to busy red, frames per poll and in all: tapsteer's counters for its own queues, the
 * kernel's mq qdisc counters for the others); a detached queue is grey with a dashed border.
 * Clicking a queue selects it in every view through the selection service; clicking a device
 * selects it here, and a tap another process holds can then be steered with RSS (the settings of
 * the Steering view's RSS editor) or returned to
 * automq through a duplicate of its holder's queue fd. A refusal is shown as the sentence the
 * services say it in.
 */
public final class TopologyView implements LiveView {

    /** How often the model is taken. */
    static final long PERIOD_MILLIS = 1000;
    /** Who the kernel steering service records as the owner of programs attached from this view. */
    static final String OWNER = "desktop";
    private static final int DEVICE_X = 16, LINK = 36, LANE_W = 100, BOX_H = 38, GAP = 8, DEVICE_H = 104, HEADER_H = 24;
    /** Box width and columns, fitted to the canvas at each paint (a narrow view still shows the lanes). */
    private int boxW = 250, queueX = 302, laneX = 588;

    @Inject
    @Optional
    private ESelectionService selectionService;

    private Composite root;
    private ScrolledComposite scroll;
    private Canvas canvas;
    private Label chosen;
    private Button steer;
    private Button automq;
    private Label status;
    private TopologyModel model = new TopologyModel(List.of(), "");
    private Map<Object, Long> previousRx = new HashMap<>();
    private Map<Object, Long> rate = new HashMap<>(); // only the queues of the latest model
    private final List<Hit> hits = new ArrayList<>();
    private final List<DeviceHit> deviceHits = new ArrayList<>();
    private TapQueue selected;
    /** the chosen device: its host (taps of two hosts may share names and inodes) and its key */
    private String selectedHost = "";
    private String selectedDevice = "";
    private String statusText = "";

    /** A drawn queue node and where it is. */
    record Hit(Rectangle bounds, QueueNode node) {
    }

    /** A drawn device node and where it is. */
    record DeviceHit(Rectangle bounds, String host, DeviceNode node) {
    }

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginHeight = 2;
        root.setLayout(layout);
        chosen = new Label(root, SWT.NONE);
        chosen.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        chosen.setText(Messages.Topology_chooseDevice);
        steer = new Button(root, SWT.PUSH);
        steer.setText(Messages.Topology_steerRss);
        steer.addListener(SWT.Selection, e -> steer(true));
        steer.setToolTipText(Messages.Topology_steerRssHint);
        automq = new Button(root, SWT.PUSH);
        automq.setText(Messages.Topology_steerAutomq);
        automq.addListener(SWT.Selection, e -> steer(false));
        chosen.setToolTipText(Messages.Topology_chooseHint);
        status = new Label(root, SWT.WRAP);
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        sd.exclude = true; // no empty line until there is something to say
        status.setLayoutData(sd);
        status.setVisible(false);
        scroll = new ScrolledComposite(root, SWT.V_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        canvas = new Canvas(scroll, SWT.DOUBLE_BUFFERED);
        scroll.setContent(canvas);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, this::clicked);
        canvas.addListener(SWT.MouseMove, this::hovered);
        enableButtons();
        new Poller<>(canvas, PERIOD_MILLIS, () -> TopologyModel.capture(Services.get()), this::show);
    }

    /** Keeps in step with the selection made in another view. */
    @Inject
    @Optional
    void selectionChanged(@Named(IServiceConstants.ACTIVE_SELECTION) TapQueue queue) {
        if (canvas != null && !canvas.isDisposed() && queue != selected) {
            selected = queue;
            canvas.redraw();
        }
    }

    private static Object rateKey(DeviceNode d, QueueNode q) {
        return q.queue() != null ? q.queue() : d.key() + "#" + q.id();
    }

    /** @param m the new model (UI thread) */
    void show(TopologyModel m) {
        Map<Object, Long> rx = new HashMap<>();
        Map<Object, Long> rates = new HashMap<>(); // queues that went away drop out of the colour scale
        for (DeviceNode d : m.devices()) {
            for (QueueNode q : d.queues()) {
                Object key = rateKey(d, q);
                Long before = previousRx.get(key);
                rx.put(key, q.packets());
                rates.put(key, before == null || q.packets() < 0 || before < 0 ? 0L : Math.max(0, q.packets() - before));
            }
        }
        previousRx = rx;
        rate = rates;
        model = m;
        scroll.setMinHeight(height(m));
        enableButtons();
        showStatus();
        canvas.redraw();
    }

    /** @return the height the graph needs for a model */
    private static int height(TopologyModel m) {
        int y = 12;
        for (HostNode h : m.hosts()) {
            y += HEADER_H;
            for (NamespaceNode n : h.namespaces()) {
                y += HEADER_H;
                for (DeviceNode d : n.devices()) {
                    y += band(d) + 24;
                }
            }
        }
        return y;
    }

    private static int band(DeviceNode d) {
        int rows = Math.max(1, Math.max(d.queues().size(), d.lanes()));
        return Math.max(DEVICE_H, rows * (BOX_H + GAP));
    }

    private void paint(GC gc) {
        hits.clear();
        deviceHits.clear();
        boxW = Math.max(150, Math.min(320, (canvas.getClientArea().width - 2 * DEVICE_X - 2 * LINK - LANE_W) / 2));
        queueX = DEVICE_X + boxW + LINK;
        laneX = queueX + boxW + LINK;
        var display = canvas.getDisplay();
        if (model.devices().isEmpty() && model.hosts().size() == 1) {
            gc.drawText(model.problem().isEmpty() ? Messages.Topology_noDevices : model.problem(), DEVICE_X, 16, true);
            return;
        }
        long max = 1;
        for (long r : rate.values()) {
            max = Math.max(max, r);
        }
        int y = 12;
        for (HostNode h : model.hosts()) {
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(fit(gc, h.state().isEmpty() ? Messages.bind(Messages.Topology_host, h.name())
                    : Messages.bind(Messages.Topology_labHost, h.name(), h.state()), canvas.getClientArea().width - 8), 4, y, true);
            y += HEADER_H;
            for (NamespaceNode n : h.namespaces()) {
                gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_BLUE));
                gc.drawText(n.inode() == 0 ? Messages.bind(Messages.Topology_netnsNoInode, n.label())
                        : Messages.bind(Messages.Topology_netns, n.label(), Long.toString(n.inode())), 8, y, true);
                gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
                gc.drawLine(8, y + HEADER_H - 4, canvas.getClientArea().width - 8, y + HEADER_H - 4);
                y += HEADER_H;
                for (DeviceNode d : n.devices()) {
                    paintDevice(gc, h, d, y, max);
                    y += band(d) + 24;
                }
            }
        }
    }

    private void paintDevice(GC gc, HostNode h, DeviceNode d, int y, long max) {
        var display = canvas.getDisplay();
        int bandHeight = band(d);
        int deviceY = y + bandHeight / 2 - DEVICE_H / 2;
        Rectangle box = new Rectangle(DEVICE_X, deviceY, boxW, DEVICE_H);
        boolean chosenOne = h.name().equals(selectedHost) && d.key().equals(selectedDevice);
        gc.setForeground(display.getSystemColor(chosenOne ? SWT.COLOR_BLUE : SWT.COLOR_BLACK));
        gc.setBackground(d.own() ? LoadColors.device(display) : LoadColors.foreignDevice(display));
        gc.fillRoundRectangle(box.x, box.y, box.width, box.height, 10, 10);
        gc.setLineWidth(chosenOne ? 3 : 1);
        gc.drawRoundRectangle(box.x, box.y, box.width, box.height, 10, 10);
        gc.setLineWidth(1);
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        int tx = DEVICE_X + 8;
        int tw = boxW - 16;
        gc.drawText(fit(gc, d.name() + "  " + Messages.bind(Messages.Topology_queueCount, d.attachedCount(), d.queues().size()), tw),
                tx, deviceY + 4, true);
        gc.drawText(fit(gc, d.flags(), tw), tx, deviceY + 22, true);
        String holders = d.own() ? Messages.Topology_heldByTapsteer
                : d.holders().isEmpty() ? Messages.Topology_noHolder : Messages.bind(Messages.Topology_heldBy, d.holders());
        gc.drawText(fit(gc, holders, tw), tx, deviceY + 40, true);
        gc.drawText(fit(gc, d.own() ? Messages.Topology_strategy + (d.strategy().isEmpty() ? Messages.Topology_noManager : d.strategy())
                : Messages.Topology_kernelView, tw), tx, deviceY + 58, true);
        gc.drawText(fit(gc, Messages.Topology_kernel + d.kernelSteering(), tw), tx, deviceY + 76, true);
        deviceHits.add(new DeviceHit(box, h.name(), d));
        int qy = y;
        for (QueueNode q : d.queues()) {
            Rectangle qbox = new Rectangle(queueX, qy, boxW, BOX_H);
            gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawLine(DEVICE_X + boxW, deviceY + DEVICE_H / 2, queueX, qy + BOX_H / 2);
            drawQueue(gc, q, qbox, rate.getOrDefault(rateKey(d, q), 0L), max);
            if (q.attached() && d.lanes() > 0) {
                int lane = q.index() % d.lanes();
                gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
                gc.drawLine(queueX + boxW, qy + BOX_H / 2, laneX, y + lane * (BOX_H + GAP) + BOX_H / 2);
            }
            hits.add(new Hit(qbox, q));
            qy += BOX_H + GAP;
        }
        for (int lane = 0; lane < d.lanes(); lane++) {
            int ly = y + lane * (BOX_H + GAP);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
            gc.fillRectangle(laneX, ly, LANE_W, BOX_H);
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.drawRectangle(laneX, ly, LANE_W, BOX_H);
            gc.drawText(Messages.bind(Messages.Topology_lane, lane), laneX + 8, ly + 10, true);
        }
    }

    private void drawQueue(GC gc, QueueNode q, Rectangle box, long r, long max) {
        var display = canvas.getDisplay();
        Color fill = q.attached() ? LoadColors.of(display, r, max) : display.getSystemColor(SWT.COLOR_GRAY);
        gc.setBackground(fill);
        gc.fillRectangle(box);
        gc.setLineStyle(q.attached() ? SWT.LINE_SOLID : SWT.LINE_DASH);
        boolean chosenOne = q.queue() != null && q.queue() == selected;
        gc.setLineWidth(chosenOne ? 3 : 1);
        gc.setForeground(display.getSystemColor(chosenOne ? SWT.COLOR_BLUE : SWT.COLOR_BLACK));
        gc.drawRectangle(box);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(fit(gc, queueTitle(q), box.width - 10), box.x + 6, box.y + 2, true);
        gc.drawText(fit(gc, queueLoad(q, r), box.width - 10), box.x + 6, box.y + 19, true);
    }

    /** @return the text, cut with an ellipsis where it is wider than {@code width} pixels */
    static String fit(GC gc, String text, int width) {
        if (gc.textExtent(text).x <= width) {
            return text;
        }
        int n = text.length();
        while (n > 0 && gc.textExtent(text.substring(0, n) + "\u2026").x > width) {
            n--;
        }
        return text.substring(0, n) + "\u2026";
    }

    /** @return the first line of a queue node: its id and kernel index, and the steering program's count */
    static String queueTitle(QueueNode q) {
        String title = q.queue() == null ? (q.attached() ? Messages.bind(Messages.Topology_kernelQueue, q.index())
                : Messages.Topology_kernelQueueDetached)
                : q.attached() ? Messages.bind(Messages.Topology_queue, q.id(), q.index()) : Messages.bind(Messages.Topology_queueDetached, q.id());
        return q.programPackets() >= 0 ? title + "  " + Messages.bind(Messages.Topology_program, q.programPackets()) : title;
    }

    /** @return the second line of a queue node: its load now and in all, and whose counters say so */
    static String queueLoad(QueueNode q, long perPoll) {
        if (q.rxPackets() >= 0) {
            return Messages.bind(Messages.Topology_load, perPoll, q.rxPackets());
        }
        if (q.kernelPackets() >= 0) {
            return Messages.bind(Messages.Topology_kernelLoad, perPoll, q.kernelPackets());
        }
        return q.attached() || q.queue() != null ? Messages.Topology_noCounters : "";
    }

    /** Shows the full text of the node under the pointer as the tooltip: a box cuts long lines. */
    private void hovered(Event e) {
        String tip = null;
        for (DeviceHit d : deviceHits) {
            if (d.bounds().contains(e.x, e.y)) {
                DeviceNode now = model.devices().stream().filter(n -> n.key().equals(d.node().key())).findFirst().orElse(d.node());
                tip = tooltip(now); // the latest model's: a repaint may still be on its way
            }
        }
        for (Hit h : hits) {
            if (h.bounds().contains(e.x, e.y)) {
                tip = queueTitle(h.node()) + "\n" + queueLoad(h.node(), 0).replaceFirst("^0 frames/s, ", "");
            }
        }
        if (!java.util.Objects.equals(tip, canvas.getToolTipText())) {
            canvas.setToolTipText(tip);
        }
    }

    /** @return every line of a device node, uncut */
    static String tooltip(DeviceNode d) {
        String holders = d.own() ? Messages.Topology_heldByTapsteer
                : d.holders().isEmpty() ? Messages.Topology_noHolder : Messages.bind(Messages.Topology_heldBy, d.holders());
        return String.join("\n", d.name() + "  " + Messages.bind(Messages.Topology_queueCount, d.attachedCount(), d.queues().size()),
                d.flags(), holders, d.own() ? Messages.Topology_strategy + (d.strategy().isEmpty() ? Messages.Topology_noManager : d.strategy())
                        : Messages.Topology_kernelView, Messages.Topology_kernel + d.kernelSteering());
    }

    private void clicked(Event e) {
        for (Hit h : hits) {
            if (h.bounds().contains(e.x, e.y)) {
                if (h.node().queue() != null) {
                    select(h.node().queue());
                }
                for (DeviceHit d : deviceHits) {
                    if (d.node().queues().contains(h.node())) {
                        selectDevice(d.host(), d.node());
                    }
                }
                return;
            }
        }
        for (DeviceHit d : deviceHits) {
            if (d.bounds().contains(e.x, e.y)) {
                selectDevice(d.host(), d.node());
                return;
            }
        }
    }

    /** Selects a queue here and in every view listening to the selection service. */
    void select(TapQueue queue) {
        selected = queue;
        if (selectionService != null) {
            selectionService.setSelection(queue);
        }
        canvas.redraw();
    }

    /** Chooses the device of a host (its topology row's name) the buttons act on (UI thread). */
    void selectDevice(String host, DeviceNode d) {
        selectedHost = host;
        selectedDevice = d.key();
        statusText = "";
        status.setForeground(status.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        enableButtons();
        showStatus();
        canvas.redraw();
    }

    /** @return the chosen device as the latest model has it, or null */
    DeviceNode selectedDevice() {
        for (HostNode h : model.hosts()) {
            for (NamespaceNode n : h.namespaces()) {
                for (DeviceNode d : n.devices()) {
                    if (h.name().equals(selectedHost) && d.key().equals(selectedDevice)) {
                        return d;
                    }
                }
            }
        }
        return null;
    }

    /** @return whether the chosen device is a lab host's (lab host names have no blank, so none is "this host") */
    private boolean chosenOnLabHost() {
        return !selectedHost.isEmpty() && !TopologyModel.THIS_HOST.equals(selectedHost);
    }

    private void enableButtons() {
        DeviceNode d = selectedDevice();
        boolean foreign = d != null && d.foreign() && d.tap() != null;
        steer.setEnabled(foreign);
        automq.setEnabled(foreign);
        String text = d == null ? Messages.Topology_chooseDevice
                : Messages.bind(d.own() ? Messages.Topology_chosenOwn : Messages.Topology_chosenForeign, d.name(),
                        d.tap() == null ? "?" : d.tap().netns());
        if (!text.equals(chosen.getText())) {
            chosen.setText(text);
            root.layout(true);
        }
    }

    private void showStatus() {
        String text = !statusText.isEmpty() ? statusText : model.problem();
        if (!text.equals(status.getText())) {
            status.setText(text);
            ((GridData) status.getLayoutData()).exclude = text.isEmpty();
            status.setVisible(!text.isEmpty());
            root.layout(true);
        }
    }

    /**
     * Steers the chosen tap another process holds: RSS with the "rss" strategy's settings (those the
     * Steering view's RSS editor applies) over its attached queues, or back to automq. A lab host's
     * tap is steered by that host's console ({@code ebpf:attach}/{@code ebpf:detach}), with the
     * host's own settings. Runs off the UI thread; the outcome or the refusal lands in the
     * status line.
     */
    void steer(boolean rss) {
        DeviceNode d = selectedDevice();
        if (d == null || d.own()) {
            return;
        }
        String name = d.name();
        String netns = d.tap() == null ? "" : Long.toString(d.tap().netnsInode());
        String where = d.tap() == null ? "?" : d.tap().netns();
        setStatus(Messages.bind(rss ? Messages.Topology_attaching : Messages.Topology_detaching, name, where), false);
        if (chosenOnLabHost()) {
            // a lab host's tap: its own console steers it, with its own rss configuration
            String hostName = selectedHost;
            List<String> words = rss ? List.of("ebpf:attach", "--device", name, "--netns", netns, "rss")
                    : List.of("ebpf:detach", "--device", name, "--netns", netns);
            Background.run(status, () -> RemoteHosts.run(hostName, words),
                    (text, err) -> setStatus(err == null ? Messages.bind(Messages.Topology_hostSays, hostName, text.strip())
                            : Messages.bind(Messages.Topology_refused, RemoteHosts.remoteName(name, hostName), Messages.cause(err)), err != null));
            return;
        }
        Background.run(status, () -> {
            Services s = Services.get();
            TapInventory inventory = s.inventory();
            KernelSteering kernel = s.kernelSteering();
            if (inventory == null) {
                throw new IllegalStateException(Messages.Topology_noInventory);
            }
            if (kernel == null) {
                throw new IllegalStateException(Messages.Topology_noKernelSteering);
            }
            TapDevice h = inventory.foreign(name, netns);
            if (!rss) {
                kernel.detach(h, OWNER);
                return Messages.bind(Messages.Topology_detached, name, where);
            }
            int queues = h.attachedQueues();
            if (queues == 0) {
                throw new IllegalStateException(Messages.bind(Messages.Topology_noQueues, name, where));
            }
            RssConfig config = StoredRss.forQueues(s.configurationAdmin(), queues);
            KernelSteeringStatus st = kernel.attach(h, KernelProgram.rss(config), OWNER);
            return Messages.bind(Messages.Topology_attached, new Object[] { name, where, st.program().toString(), queues });
        }, (text, err) -> setStatus(err == null ? text : Messages.bind(Messages.Topology_refused, name, Messages.cause(err)), err != null));
    }

    private void setStatus(String text, boolean error) {
        statusText = text;
        status.setForeground(status.getDisplay().getSystemColor(error ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND));
        showStatus();
    }

    /** @return whether a queue node shows frames arriving since the previous poll */
    @Override
    public boolean live() {
        return rate.values().stream().anyMatch(r -> r > 0);
    }

    /** @return the selected queue, or null */
    TapQueue selected() {
        return selected;
    }

    /** @return the model shown */
    TopologyModel model() {
        return model;
    }

    /** @return the queue nodes as last drawn, with their bounds */
    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** @return the device nodes as last drawn, with their bounds */
    List<DeviceHit> deviceHits() {
        return List.copyOf(deviceHits);
    }

    /** @return the status line: the outcome of steering, a refusal, or why the graph is incomplete */
    Label status() {
        return status;
    }

    /** @return the "Steer with RSS" button */
    Button steerButton() {
        return steer;
    }

    /** @return the "Back to automq" button */
    Button automqButton() {
        return automq;
    }

    /** @return the graph, for screenshots */
    public Canvas control() {
        return canvas;
    }

    /** @return the whole view (buttons, status and graph), for screenshots */
    public Composite top() {
        return root;
    }

    /** Gives the keyboard focus to the graph. */
    @Focus
    public void focus() {
        canvas.setFocus();
    }
}
