package io.tapsteer.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;

/**
 * Saves what a window shows as a PNG, copied from the screen (so every native widget looks as it
 * does on screen). Only the window's client area is copied: a shell's bounds also count the title
 * bar and borders SWT expects from a window manager, and where none draws them (Xvfb) SWT still
 * reserves an estimate of them, so the bounds reach past the window's own pixels and a copy of the
 * bounds ends in a black strip of the root window.
 */
public final class WindowCapture {

    private WindowCapture() {
    }

    /** @return the window's client area in screen coordinates, clipped to the screen (pixels past it read black) */
    public static Rectangle area(Shell shell) {
        Rectangle client = shell.getClientArea();
        Point origin = shell.toDisplay(client.x, client.y);
        return new Rectangle(origin.x, origin.y, client.width, client.height).intersection(shell.getDisplay().getBounds());
    }

    /**
     * Lays the window out, lets it paint, and saves its client area as a PNG in {@code file}.
     *
     * @throws IllegalStateException when no pixel of the window's client area is on the screen (the
     *         window is off-screen or has no client area): there is nothing to save
     * @throws org.eclipse.swt.SWTException when the file cannot be written
     */
    public static void save(Shell shell, String file) {
        shell.layout(true, true);
        shell.update(); // paints what is pending, so the copy holds no half-drawn widget
        Rectangle r = area(shell);
        if (r.isEmpty()) {
            Rectangle screen = shell.getDisplay().getBounds();
            throw new IllegalStateException("nothing to save in " + file + ": the window's client area ("
                    + shell.getClientArea().width + "x" + shell.getClientArea().height + " at " + shell.getLocation()
                    + ") has no pixel on the " + screen.width + "x" + screen.height + " screen");
        }
        Image image = new Image(shell.getDisplay(), r.width, r.height);
        try {
            GC gc = new GC(shell.getDisplay());
            try {
                gc.copyArea(image, r.x, r.y);
            } finally {
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file, SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }
}
