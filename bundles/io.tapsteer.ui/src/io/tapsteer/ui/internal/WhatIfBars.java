package io.tapsteer.ui.internal;

import io.tapsteer.api.capture.WhatIfResult;
import io.tapsteer.api.capture.WhatIfResult.Candidate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The What-if bars: per queue a group of bars, one per candidate in its colour, as high as the
 * frames the candidate puts there (one scale for all), with the share above each bar and a legend.
 */
final class WhatIfBars {
    private static final RGB[] PALETTE = { new RGB(0x1f, 0x77, 0xb4), new RGB(0xff, 0x7f, 0x0e), new RGB(0x2c, 0xa0, 0x2c),
            new RGB(0xd6, 0x27, 0x28), new RGB(0x94, 0x67, 0xbd), new RGB(0x8c, 0x56, 0x4b), new RGB(0xe3, 0x77, 0xc2),
            new RGB(0x7f, 0x7f, 0x7f) };
    private static final int LEFT = 12, TOP = 26, BOTTOM = 22;

    private final Canvas canvas;
    private final Color[] colors = new Color[PALETTE.length];
    private WhatIfResult result;
    private final List<Bar> drawn = new ArrayList<>();

    /** A drawn bar: where, and what it stands for. */
    record Bar(Rectangle bounds, int candidate, int queue, long frames) {
    }

    WhatIfBars(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        for (int i = 0; i < PALETTE.length; i++) {
            colors[i] = new Color(parent.getDisplay(), PALETTE[i]);
        }
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addDisposeListener(e -> {
            for (Color c : colors) {
                c.dispose();
            }
        });
    }

    /** @param r the comparison to draw (UI thread) */
    void show(WhatIfResult r) {
        result = r;
        canvas.redraw();
    }

    /** @return the colour of candidate {@code i} */
    Color colorOf(int i) {
        return colors[i % colors.length];
    }

    private void paint(GC gc) {
        drawn.clear();
        var display = canvas.getDisplay();
        Rectangle area = canvas.getClientArea();
        if (result == null || result.candidates().isEmpty()) {
            gc.drawText(Messages.WhatIf_nothing, LEFT, 8, true);
            return;
        }
        List<Candidate> cs = result.candidates();
        int x = LEFT;
        for (int c = 0; c < cs.size(); c++) { // the legend
            gc.setBackground(colorOf(c));
            gc.fillRectangle(x, 8, 12, 12);
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(cs.get(c).name(), x + 16, 6, true);
            x += 16 + gc.textExtent(cs.get(c).name()).x + 16;
        }
        long max = 1;
        for (Candidate c : cs) {
            for (long f : c.frames()) {
                max = Math.max(max, f);
            }
        }
        int queues = result.queues();
        int height = Math.max(20, area.height - TOP - BOTTOM - 16);
        int group = Math.max(8, (area.width - 2 * LEFT) / Math.max(1, queues));
        int bar = Math.max(2, (group - 10) / cs.size());
        int base = TOP + 16 + height;
        for (int q = 0; q < queues; q++) {
            int gx = LEFT + q * group;
            for (int c = 0; c < cs.size(); c++) {
                long f = cs.get(c).frames().get(q);
                int h = (int) (f * height / max);
                Rectangle r = new Rectangle(gx + c * bar, base - h, Math.max(1, bar - 1), h);
                gc.setBackground(colorOf(c));
                gc.fillRectangle(r);
                drawn.add(new Bar(r, c, q, f));
                if (bar >= 30) {
                    gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
                    gc.drawText(WhatIfView.share(cs.get(c), q), r.x, r.y - 15, true);
                }
            }
            gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(Messages.bind(Messages.WhatIf_queue, q), gx, base + 3, true);
        }
        gc.setForeground(display.getSystemColor(SWT.COLOR_GRAY));
        gc.drawLine(LEFT, base, area.width - LEFT, base);
    }

    /** @return the bars as last drawn */
    List<Bar> bars() {
        return List.copyOf(drawn);
    }

    /** @return the canvas */
    Canvas control() {
        return canvas;
    }
}
