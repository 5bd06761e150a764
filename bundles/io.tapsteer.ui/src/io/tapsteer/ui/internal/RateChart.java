package io.tapsteer.ui.internal;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.stats.StatsFormat;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A line chart of each queue's receive rate (frames/s) over the stats history ring: one sample per
 * stats interval, the newest at the right edge, x in seconds before now. Drawn with GC; each
 * queue keeps one colour (by queue id).
 */
final class RateChart {

    private static final RGB[] PALETTE = { new RGB(0x1f, 0x77, 0xb4), new RGB(0xff, 0x7f, 0x0e), new RGB(0x2c, 0xa0, 0x2c),
            new RGB(0xd6, 0x27, 0x28), new RGB(0x94, 0x67, 0xbd), new RGB(0x8c, 0x56, 0x4b), new RGB(0xe3, 0x77, 0xc2),
            new RGB(0x7f, 0x7f, 0x7f) };
    private static final int LEFT = 56, RIGHT = 90, TOP = 10, BOTTOM = 22;

    private final Canvas canvas;
    private final Color[] colors = new Color[PALETTE.length];
    private List<DeviceStats> history = List.of();

    RateChart(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        for (int i = 0; i < PALETTE.length; i++) {
            colors[i] = new Color(parent.getDisplay(), PALETTE[i]);
        }
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addDisposeListener(e -> dispose());
    }

    /** @param samples the history to draw, oldest first (UI thread) */
    void show(List<DeviceStats> samples) {
        history = samples;
        canvas.redraw();
    }

    /** @return the colour of a queue id */
    Color colorOf(int queueId) {
        return colors[Math.floorMod(queueId, colors.length)];
    }

    /** @return the samples drawn */
    List<DeviceStats> samples() {
        return history;
    }

    Canvas control() {
        return canvas;
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        Rectangle plot = new Rectangle(LEFT, TOP, area.width - LEFT - RIGHT, area.height - TOP - BOTTOM);
        var display = canvas.getDisplay();
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        if (plot.width < 20 || plot.height < 20) {
            return;
        }
        if (history.size() < 2) {
            gc.drawText(Messages.Traffic_chartWaiting, LEFT, TOP, true);
            return;
        }
        TreeMap<Integer, double[]> lines = new TreeMap<>();
        double max = 1;
        for (int i = 0; i < history.size(); i++) {
            if (!history.get(i).rxRate().measured()) {
                continue; // the first sample has no earlier one to measure a rate against: no point, not a zero
            }
            for (QueueStats q : history.get(i).queues()) {
                double pps = q.rxRate().packetsPerSecond();
                lines.computeIfAbsent(q.index(), k -> filled(history.size()))[i] = pps;
                max = Math.max(max, pps);
            }
        }
        max = niceCeiling(max);
        long newest = history.get(history.size() - 1).timeNanos();
        double span = Math.max(1e-9, (newest - history.get(0).timeNanos()) / 1e9);
        gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
        for (int g = 0; g <= 4; g++) {
            int y = plot.y + plot.height - g * plot.height / 4;
            gc.drawLine(plot.x, y, plot.x + plot.width, y);
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            String label = StatsFormat.si(max * g / 4);
            Point ext = gc.textExtent(label);
            gc.drawText(label, plot.x - ext.x - 4, y - ext.y / 2, true);
            gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(Messages.bind(Messages.Traffic_chartAgo, Math.round(span)), plot.x, plot.y + plot.height + 3, true);
        String now = Messages.Traffic_chartNow;
        gc.drawText(now, plot.x + plot.width - gc.textExtent(now).x, plot.y + plot.height + 3, true);
        gc.drawText(Messages.Traffic_chartUnit, plot.x + 4, plot.y, true);
        gc.setLineWidth(2);
        int legendY = plot.y;
        for (var line : lines.entrySet()) {
            double[] v = line.getValue();
            int[] points = new int[history.size() * 2];
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    continue;
                }
                double ago = (newest - history.get(i).timeNanos()) / 1e9;
                points[n++] = plot.x + (int) Math.round(plot.width * (1 - ago / span));
                points[n++] = plot.y + plot.height - (int) Math.round(plot.height * v[i] / max);
            }
            gc.setForeground(colorOf(line.getKey()));
            gc.drawPolyline(java.util.Arrays.copyOf(points, n));
            gc.drawLine(plot.x + plot.width + 8, legendY + 8, plot.x + plot.width + 24, legendY + 8);
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(Messages.bind(Messages.Traffic_chartQueue, line.getKey()), plot.x + plot.width + 28, legendY, true);
            legendY += gc.getFontMetrics().getHeight() + 2;
        }
        gc.setLineWidth(1);
    }

    private static double[] filled(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, Double.NaN); // a queue that did not exist at a sample draws no point there
        return d;
    }

    /** @return 1, 2 or 5 times a power of ten, at least {@code v} */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] { 1, 2, 5, 10 }) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private void dispose() {
        for (Color c : colors) {
            c.dispose();
        }
    }
}
