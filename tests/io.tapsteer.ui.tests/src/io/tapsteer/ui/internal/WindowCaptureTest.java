package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.ui.WindowCapture;
import java.io.File;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * The window screenshot (what {@code ./tapsteer gui --screenshot} saves) of a window of the
 * application's default size at the screen's corner, under Xvfb where no window manager draws a
 * title bar: the PNG read back holds the window's pixels to its last row and column, no black strip.
 */
class WindowCaptureTest {

    /** The application window's size (Application.e4xmi). */
    private static final int WIDTH = 1260;
    private static final int HEIGHT = 780;
    /** The strip the old capture left: SWT's estimate of a title bar it reserves without a window manager. */
    private static final int STRIP = 30;

    private static boolean black(ImageData image, int x, int y) {
        RGB c = image.palette.getRGB(image.getPixel(x, y));
        return c.red == 0 && c.green == 0 && c.blue == 0;
    }

    @Test
    void theSavedWindowIsPaintedToItsBottomRows() {
        Shell shell = new Shell(Ui.display());
        shell.setLayout(new FillLayout());
        try {
            TopologyView view = new TopologyView(); // a real view: it paints its own background in every row
            view.create(shell);
            shell.setBounds(0, 0, WIDTH, HEIGHT);
            shell.open();
            Ui.pumpUntil(() -> false, 500); // mapped and painted
            File file = new File("target/screenshots/window.png");
            file.getParentFile().mkdirs();
            WindowCapture.save(shell, file.getPath());

            ImageData image = new ImageData(file.getPath());
            Rectangle client = shell.getClientArea();
            assertEquals(client.width, image.width, "the window's width, no more");
            assertEquals(client.height, image.height, "the window's height, no more");
            assertTrue(image.height > HEIGHT - 2 * STRIP, "most of the window: " + image.width + "x" + image.height);
            for (int y = image.height - STRIP; y < image.height; y++) {
                int blackPixels = 0;
                for (int x = 0; x < image.width; x++) {
                    blackPixels += black(image, x, y) ? 1 : 0;
                }
                assertTrue(blackPixels < image.width / 2, "row " + y + " of " + image.height + " is painted: " + blackPixels
                        + " of " + image.width + " pixels black");
            }
            for (int x = image.width - 8; x < image.width; x++) {
                int blackPixels = 0;
                for (int y = 0; y < image.height; y++) {
                    blackPixels += black(image, x, y) ? 1 : 0;
                }
                assertTrue(blackPixels < image.height / 2, "column " + x + " of " + image.width + " is painted: " + blackPixels
                        + " of " + image.height + " pixels black");
            }
        } finally {
            shell.dispose();
        }
    }

    @Test
    void aWindowWithNoPixelOnTheScreenIsRefusedInWordsAndNoFileIsWritten() {
        Shell shell = new Shell(Ui.display());
        try {
            shell.setBounds(-5000, -5000, 300, 200);
            shell.open();
            Ui.pumpUntil(() -> false, 200);
            File file = new File("target/screenshots/off-screen.png");
            file.getParentFile().mkdirs();
            file.delete();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> WindowCapture.save(shell, file.getPath()));
            assertTrue(e.getMessage().startsWith("nothing to save in " + file.getPath() + ": the window's client area ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("has no pixel on the " + Ui.display().getBounds().width + "x"), e.getMessage());
            assertFalse(file.exists(), "no 1x1 picture of nothing");
        } finally {
            shell.dispose();
        }
    }
}
