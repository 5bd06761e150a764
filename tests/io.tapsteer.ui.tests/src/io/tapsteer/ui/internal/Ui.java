package io.tapsteer.ui.internal;

import java.io.File;
import java.util.function.BooleanSupplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The one Display of the test process, driven from the test thread: it creates the display and
 * pumps its events while a test waits, so views poll, paint and lay out as in the application.
 */
final class Ui {
    private static Display display;

    private Ui() {
    }

    /** @return the display (created on first use, on the calling test thread) */
    static synchronized Display display() {
        if (display == null || display.isDisposed()) {
            display = new Display();
        }
        return display;
    }

    /** @return a new visible shell of the given size, laid out with a FillLayout */
    static Shell shell(int width, int height) {
        Shell s = new Shell(display());
        s.setLayout(new FillLayout());
        s.setSize(width, height);
        s.open();
        return s;
    }

    /** Pumps events until the condition holds or the time is up (bounded). */
    static boolean pumpUntil(BooleanSupplier condition, long millis) {
        Display d = display();
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() - until < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!d.readAndDispatch()) {
                d.timerExec(20, () -> { });
                d.sleep();
            }
        }
        return condition.getAsBoolean();
    }

    /** Saves what the control shows as target/screenshots/NAME.png (a test artifact); returns the file. */
    static File screenshot(Control control, String name) {
        Point size = control.getSize();
        Image image = new Image(control.getDisplay(), Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(image);
        try {
            control.print(gc);
        } finally {
            gc.dispose();
        }
        File dir = new File("target/screenshots");
        dir.mkdirs();
        File file = new File(dir, name + ".png");
        ImageLoader loader = new ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
        loader.save(file.getPath(), SWT.IMAGE_PNG);
        image.dispose();
        return file;
    }
}
