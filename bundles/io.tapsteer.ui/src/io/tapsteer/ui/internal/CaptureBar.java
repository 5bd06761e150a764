package io.tapsteer.ui.internal;

import io.tapsteer.api.capture.CaptureService;
import io.tapsteer.api.capture.CaptureSummary;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * The Capture row of Queue traffic: the device's frames per tap queue into a pcapng file for
 * Wireshark, through the capture service ({@code stats:capture}'s), bounded by a frame count and a
 * time. The capture runs off the UI thread; its summary or its refusal lands in the row's status.
 */
final class CaptureBar {
    /** The bounds {@code stats:capture} allows. */
    static final int MAX_SECONDS = 3600, MAX_FRAMES = 100_000_000;
    /** Bytes kept of each frame: whole frames, as stats:capture keeps them by default. */
    static final int SNAPLEN = 262_144;

    private final Composite row;
    private final Text file;
    private final Spinner frames;
    private final Spinner seconds;
    private final Button start;
    private final Label status;
    private final Supplier<String> device;
    private final BooleanSupplier kernelView;

    /**
     * @param parent where the row goes (a GridLayout parent; the row spans {@code span} columns)
     * @param device the device shown, read on the UI thread when the capture starts
     * @param kernelView whether that device is one the stats service shows from the kernel's counters
     *        only (a tap another process holds): tapsteer reads none of its frames
     */
    CaptureBar(Composite parent, int span, Supplier<String> device, BooleanSupplier kernelView) {
        this.device = device;
        this.kernelView = kernelView;
        row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, span, 1));
        // two lines, so a narrow view still shows the file name: the file, then the bounds and the button
        GridLayout layout = new GridLayout(7, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        row.setLayout(layout);
        new Label(row, SWT.NONE).setText(Messages.Capture_file);
        file = new Text(row, SWT.BORDER);
        file.setText(Path.of(System.getProperty("user.home", "."), "tapsteer-capture.pcapng").toString());
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        Button browse = new Button(row, SWT.PUSH);
        browse.setText(Messages.Capture_browse);
        browse.addListener(SWT.Selection, e -> browse());
        new Label(row, SWT.NONE).setText(Messages.Capture_bounds);
        frames = new Spinner(row, SWT.BORDER);
        frames.setValues(100_000, 1, MAX_FRAMES, 0, 1000, 10_000);
        new Label(row, SWT.NONE).setText(Messages.Capture_frames);
        seconds = new Spinner(row, SWT.BORDER);
        seconds.setValues(10, 1, MAX_SECONDS, 0, 1, 10);
        new Label(row, SWT.NONE).setText(Messages.Capture_seconds);
        new Label(row, SWT.NONE).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        start = new Button(row, SWT.PUSH);
        start.setText(Messages.Capture_start);
        start.addListener(SWT.Selection, e -> start());
        status = new Label(row, SWT.WRAP);
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false, 7, 1);
        sd.exclude = true; // no empty line until there is something to say
        status.setLayoutData(sd);
        status.setVisible(false);
    }

    private void browse() {
        FileDialog d = new FileDialog(row.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.pcapng", "*" });
        d.setOverwrite(true);
        Path current = Path.of(file.getText().isBlank() ? "." : file.getText());
        if (current.getParent() != null) {
            d.setFilterPath(current.getParent().toString());
        }
        d.setFileName(current.getFileName() == null ? "" : current.getFileName().toString());
        String chosen = d.open();
        if (chosen != null) {
            file.setText(chosen);
        }
    }

    /** Starts a capture of the device shown, with the row's bounds (UI thread). */
    void start() {
        String name = device.get();
        String path = file.getText().strip();
        if (name == null || name.isEmpty()) {
            message(Messages.Capture_noDevice, true);
            return;
        }
        if (path.isEmpty()) {
            message(Messages.Capture_noFile, true);
            return;
        }
        if (kernelView.getAsBoolean()) {
            message(Messages.bind(Messages.Capture_kernelView, name), true);
            return;
        }
        int at = name.lastIndexOf(RemoteHosts.AT);
        if (at >= 0) {
            startRemote(name, name.substring(0, at), name.substring(at + RemoteHosts.AT.length()), Path.of(path));
            return;
        }
        CaptureService service = Services.get().capture();
        if (service == null) {
            message(Messages.Capture_noService, true);
            return;
        }
        int s = seconds.getSelection();
        long n = frames.getSelection();
        message(Messages.bind(Messages.Capture_running, new Object[] { name, path, n, s }), false);
        start.setEnabled(false);
        Background.run(row, () -> service.capture(name, "", s, n, SNAPLEN, Path.of(path)), (CaptureSummary r, Throwable err) -> {
            start.setEnabled(true);
            message(err == null ? r.text() : Messages.bind(Messages.Capture_failed, Messages.cause(err)), err != null);
        });
    }

    /** Captures a lab host's device on that host and moves the file here, off the UI thread. */
    private void startRemote(String label, String device, String host, Path to) {
        int s = seconds.getSelection();
        long n = frames.getSelection();
        message(Messages.bind(Messages.Capture_running, new Object[] { label, to, n, s }), false);
        start.setEnabled(false);
        Background.run(row, () -> {
            try {
                return RemoteHosts.capture(host, device, s, n, SNAPLEN, to);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, (String said, Throwable err) -> {
            start.setEnabled(true);
            message(err == null ? Messages.bind(Messages.Capture_remoteDone, new Object[] { host, said, to })
                    : Messages.bind(Messages.Capture_failed, Messages.cause(err)), err != null);
        });
    }

    private void message(String text, boolean error) {
        ((GridData) status.getLayoutData()).exclude = text.isEmpty();
        status.setVisible(!text.isEmpty());
        status.setText(text);
        status.setForeground(status.getDisplay().getSystemColor(error ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND));
        row.getParent().layout(true, true);
    }

    /** @return the file field */
    Text file() {
        return file;
    }

    /** @return the frame bound */
    Spinner frames() {
        return frames;
    }

    /** @return the time bound, in seconds */
    Spinner seconds() {
        return seconds;
    }

    /** @return the Capture button */
    Button startButton() {
        return start;
    }

    /** @return the outcome of the last capture, its refusal, or that one runs */
    Label status() {
        return status;
    }
}
