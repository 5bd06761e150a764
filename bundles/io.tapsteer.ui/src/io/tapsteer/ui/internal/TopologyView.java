package io.tapsteer.ui.internal;

import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.ui.internal.TopologyModel.DeviceNode;
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
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * Devices, their queues and lanes as a graph. Each queue node shows its kernel index and its load
 * (colour from idle green to busy red, frames per poll and in all); a detached queue is grey with a
 * dashed border. Clicking a queue selects it in every view through the selection service.
 */
public final class TopologyView implements LiveView {

    /** How often the model is taken. */
    static final long PERIOD_MILLIS = 1000;
    private static final int DEVICE_X = 16, LINK = 36, LANE_W = 100, BOX_H = 38, GAP = 8;
    /** Box width and columns, fitted to the canvas at each paint (a narrow view still shows the lanes). */
    private int boxW = 250, queueX = 302, laneX = 588;

    @Inject
    @Optional
    private ESelectionService selectionService;

    private Canvas canvas;
    private TopologyModel model = new TopologyModel(List.of());
    private Map<TapQueue, Long> previousRx = new HashMap<>();
    private Map<TapQueue, Long> rate = new HashMap<>(); // only the queues of the latest model
    private final List<Hit> hits = new ArrayList<>();
    private TapQueue selected;

    /** A drawn queue node and where it is. */
    record Hit(Rectangle bounds, QueueNode node) {
    }

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, this::clicked);
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

    /** @param m the new model (UI thread) */
    void show(TopologyModel m) {
        Map<TapQueue, Long> rx = new HashMap<>();
        Map<TapQueue, Long> rates = new HashMap<>(); // queues that went away drop out of the colour scale
        for (DeviceNode d : m.devices()) {
            for (QueueNode q : d.queues()) {
                Long before = previousRx.get(q.queue());
                rx.put(q.queue(), q.rxPackets());
                rates.put(q.queue(), before == null || q.rxPackets() < 0 ? 0L : Math.max(0, q.rxPackets() - before));
            }
        }
        previousRx = rx;
        rate = rates;
        model = m;
        canvas.redraw();
    }

    private void paint(GC gc) {
        hits.clear();
        boxW = Math.max(150, Math.min(250, (canvas.getClientArea().width - 2 * DEVICE_X - 2 * LINK - LANE_W) / 2));
        queueX = DEVICE_X + boxW + LINK;
        laneX = queueX + boxW + LINK;
        var display = canvas.getDisplay();
        if (model.devices().isEmpty()) {
            gc.drawText(Messages.Topology_noDevices, DEVICE_X, 16, true);
            return;
        }
        long max = 1;
        for (long r : rate.values()) {
            max = Math.max(max, r);
        }
        int y = 12;
        for (DeviceNode d : model.devices()) {
            int rows = Math.max(1, Math.max(d.queues().size(), d.lanes()));
            int bandHeight = rows * (BOX_H + GAP);
            int deviceY = y + bandHeight / 2 - 40;
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.setBackground(LoadColors.device(display));
            gc.fillRoundRectangle(DEVICE_X, deviceY, boxW, 80, 10, 10);
            gc.drawRoundRectangle(DEVICE_X, deviceY, boxW, 80, 10, 10);
            gc.drawText(d.device().name() + "  " + Messages.bind(Messages.Topology_queueCount, d.attachedCount(), d.queues().size()),
                    DEVICE_X + 8, deviceY + 4, true);
            gc.drawText(Messages.Topology_strategy + (d.strategy().isEmpty() ? Messages.Topology_noManager : d.strategy()),
                    DEVICE_X + 8, deviceY + 24, true);
            gc.drawText(Messages.Topology_kernel + d.kernelSteering(), DEVICE_X + 8, deviceY + 44, true);
            int qy = y;
            for (QueueNode q : d.queues()) {
                Rectangle box = new Rectangle(queueX, qy, boxW, BOX_H);
                gc.setForeground(display.getSystemColor(SWT.COLOR_DARK_GRAY));
                gc.drawLine(DEVICE_X + boxW, deviceY + 40, queueX, qy + BOX_H / 2);
                long r = rate.getOrDefault(q.queue(), 0L);
                drawQueue(gc, q, box, r, max);
                if (q.attached() && d.lanes() > 0) {
                    int lane = q.index() % d.lanes();
                    gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
                    gc.drawLine(queueX + boxW, qy + BOX_H / 2, laneX, y + lane * (BOX_H + GAP) + BOX_H / 2);
                }
                hits.add(new Hit(box, q));
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
            y += bandHeight + 24;
        }
    }

    private void drawQueue(GC gc, QueueNode q, Rectangle box, long r, long max) {
        var display = canvas.getDisplay();
        Color fill = q.attached() ? LoadColors.of(display, r, max) : display.getSystemColor(SWT.COLOR_GRAY);
        gc.setBackground(fill);
        gc.fillRectangle(box);
        gc.setLineStyle(q.attached() ? SWT.LINE_SOLID : SWT.LINE_DASH);
        gc.setLineWidth(q.queue() == selected ? 3 : 1);
        gc.setForeground(display.getSystemColor(q.queue() == selected ? SWT.COLOR_BLUE : SWT.COLOR_BLACK));
        gc.drawRectangle(box);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        String title = q.attached() ? Messages.bind(Messages.Topology_queue, q.id(), q.index())
                : Messages.bind(Messages.Topology_queueDetached, q.id());
        gc.drawText(title, box.x + 6, box.y + 2, true);
        String load = q.rxPackets() < 0 ? Messages.Topology_noCounters : Messages.bind(Messages.Topology_load, r, q.rxPackets());
        gc.drawText(load, box.x + 6, box.y + 19, true);
    }

    private void clicked(Event e) {
        for (Hit h : hits) {
            if (h.bounds().contains(e.x, e.y)) {
                select(h.node().queue());
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

    /** @return the control, for screenshots */
    public Canvas control() {
        return canvas;
    }

    /** Gives the keyboard focus to the graph. */
    @Focus
    public void focus() {
        canvas.setFocus();
    }
}
