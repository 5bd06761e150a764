package io.tapsteer.ui.internal;

import io.tapsteer.api.stats.Balance;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/** Load as colour: idle light green, busiest red, in ten steps (shared, never disposed by views). */
final class LoadColors {

    private static final int STEPS = 10;
    private static Color[] colors;
    private static Color device;
    private static Color foreignDevice;

    private LoadColors() {
    }

    /** @return the fill of a device node: pale blue, readable with black text in any theme */
    static Color device(Display display) {
        if (device == null) {
            device = new Color(display, new RGB(0xdd, 0xe8, 0xf6));
        }
        return device;
    }

    /** @return the fill of a device another process holds: pale sand, readable with black text */
    static Color foreignDevice(Display display) {
        if (foreignDevice == null) {
            foreignDevice = new Color(display, new RGB(0xf4, 0xec, 0xd8));
        }
        return foreignDevice;
    }

    /** @return the colour of a balance verdict's text: hot red, skewed dark yellow, balanced dark green */
    static Color verdict(Display display, Balance.Verdict v) {
        return display.getSystemColor(switch (v) {
            case HOT -> SWT.COLOR_RED;
            case SKEWED -> SWT.COLOR_DARK_YELLOW;
            case BALANCED -> SWT.COLOR_DARK_GREEN;
            default -> SWT.COLOR_WIDGET_FOREGROUND;
        });
    }

    /** @return the colour of {@code value} on a scale up to {@code max} (UI thread) */
    static Color of(Display display, long value, long max) {
        if (colors == null) {
            colors = new Color[STEPS + 1];
            for (int i = 0; i <= STEPS; i++) {
                float hue = 120f * (STEPS - i) / STEPS; // green (120) to red (0)
                colors[i] = new Color(display, new RGB(hue, 0.45f, 0.95f));
            }
        }
        int step = max <= 0 ? 0 : (int) Math.min(STEPS, value * STEPS / max);
        return colors[step];
    }
}
