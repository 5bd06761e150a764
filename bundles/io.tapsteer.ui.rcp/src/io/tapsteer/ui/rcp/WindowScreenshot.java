package io.tapsteer.ui.rcp;

import io.tapsteer.api.tap.TapQueue;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Saves a PNG of the workbench window once the demo lab is live (its tap visible with every queue
 * attached and frames sent), then exits. Waits at most {@link #MAX_WAIT_MILLIS}; a lab that never
 * comes up still gets its screenshot (showing why), and the exit code says so.
 */
final class WindowScreenshot {

    /** Longest wait for the lab to show. */
    static final long MAX_WAIT_MILLIS = 20_000;
    /** Extra time after the lab is up, so the views' polls (every second) have shown live numbers. */
    static final long SETTLE_MILLIS = 3_000;
    private static final int POLL_MILLIS = 250;

    private WindowScreenshot() {
    }

    static void whenLive(Display display, DemoLab lab, String file) {
        long start = System.currentTimeMillis();
        Runnable check = new Runnable() {
            @Override
            public void run() {
                boolean live = lab != null && lab.sent() > 0
                        && lab.device().queues().stream().allMatch(TapQueue::isAttached);
                long waited = System.currentTimeMillis() - start;
                if (live) {
                    display.timerExec((int) SETTLE_MILLIS, () -> saveAndExit(display, lab, file, 0));
                } else if (waited > MAX_WAIT_MILLIS) {
                    System.err.println("tapsteer: the demo lab did not come up in " + MAX_WAIT_MILLIS / 1000
                            + " s; saving the window as it is");
                    saveAndExit(display, lab, file, 1);
                } else {
                    display.timerExec(POLL_MILLIS, this);
                }
            }
        };
        display.timerExec(POLL_MILLIS, check);
    }

    private static void saveAndExit(Display display, DemoLab lab, String file, int code) {
        Shell shell = display.getActiveShell() != null ? display.getActiveShell() : display.getShells()[0];
        save(shell, file);
        System.out.println("tapsteer: saved " + file);
        if (lab != null) {
            lab.close(); // deletes the demo tap and its namespace
        }
        // skip the workbench's own shutdown: it would save a layout this one-shot run must not leave
        System.exit(code);
    }

    /** Copies the window's pixels from the screen (the window is on top under Xvfb) into a PNG. */
    static void save(Shell shell, String file) {
        Rectangle r = shell.getBounds();
        Image image = new Image(shell.getDisplay(), r.width, r.height);
        GC gc = new GC(shell.getDisplay());
        try {
            gc.copyArea(image, r.x, r.y);
        } finally {
            gc.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { image.getImageData() };
        loader.save(file, SWT.IMAGE_PNG);
        image.dispose();
    }
}
