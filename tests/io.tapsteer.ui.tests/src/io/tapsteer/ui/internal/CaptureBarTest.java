package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * The Capture row of Queue traffic on a real queue manager fed by lab traffic: the file it writes
 * is read by Debian's tshark, with as many frames per interface (tap queue) as the row's summary
 * says; a file that cannot be written is refused in words.
 */
class CaptureBarTest {

    /** @return frames per interface name, as tshark reads the file */
    static Map<String, Long> tsharkInterfaces(Path file) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.interface_name")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark ends");
        assertEquals(0, p.exitValue(), "tshark reads " + file);
        Map<String, Long> per = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                per.merge(line.strip(), 1L, Long::sum);
            }
        }
        return per;
    }

    private static QueueTrafficView open(Shell shell, QueueLab lab) {
        QueueTrafficView view = new QueueTrafficView();
        view.create(shell);
        shell.layout();
        view.choose(lab.device());
        assertTrue(Ui.pumpUntil(() -> view.model().stats() != null && view.model().stats().device().equals(lab.device()), 20_000),
                "the view shows " + lab.device());
        return view;
    }

    @Test
    void captureWritesAFileTsharkReadsWithTheFramesOfEveryQueue() throws Exception {
        try (QueueLab lab = new QueueLab("uicap", 4)) {
            lab.traffic(64, 2000, 200_000);
            assertNotNull(lab.trackedBy(), "the stats service tracks the device");
            Shell shell = Ui.shell(1100, 760);
            try {
                QueueTrafficView view = open(shell, lab);
                Path file = Path.of("target/captures/ui-capture.pcapng").toAbsolutePath();
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                CaptureBar bar = view.capture();
                bar.file().setText(file.toString());
                bar.frames().setSelection(500);
                bar.seconds().setSelection(30);
                bar.startButton().notifyListeners(SWT.Selection, new Event());
                assertTrue(bar.status().getText().startsWith("Capturing " + lab.device() + " into " + file), bar.status().getText());
                assertTrue(Ui.pumpUntil(() -> bar.status().getText().startsWith("captured"), 40_000), bar.status().getText());
                String summary = bar.status().getText();
                assertTrue(summary.startsWith("captured 500 frames of " + lab.device() + " into " + file + " ("), summary);
                assertTrue(summary.contains("stopped by --frames"), summary);
                assertTrue(bar.startButton().isEnabled(), "a second capture can start");

                Map<String, Long> said = new TreeMap<>();
                Matcher m = Pattern.compile("(" + Pattern.quote(lab.device()) + ":q\\d+) (\\d+)").matcher(summary);
                while (m.find()) {
                    said.put(m.group(1), Long.parseLong(m.group(2)));
                }
                assertEquals(4, said.size(), "one interface per tap queue in " + summary);
                Map<String, Long> read = tsharkInterfaces(file);
                said.values().removeIf(n -> n == 0); // tshark lists only interfaces with frames
                assertEquals(said, read, "per interface, tshark reads what the summary says");
                assertEquals(500L, read.values().stream().mapToLong(Long::longValue).sum());
                Ui.pumpUntil(view::live, 10_000); // the screenshot shows the traffic beside the summary
                File png = Ui.screenshot(view.control().getParent(), "traffic-capture");
                assertTrue(png.length() > 1000, "screenshot written: " + png);
            } finally {
                shell.dispose();
            }
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsRefusedInWords() throws Exception {
        try (QueueLab lab = new QueueLab("uicapx", 2)) {
            assertNotNull(lab.trackedBy(), "the stats service tracks the device");
            Shell shell = Ui.shell(1100, 700);
            try {
                QueueTrafficView view = open(shell, lab);
                Path file = Path.of("target/captures/no-such-folder/x.pcapng").toAbsolutePath();
                CaptureBar bar = view.capture();
                bar.file().setText(file.toString());
                bar.frames().setSelection(10);
                bar.seconds().setSelection(2);
                bar.startButton().notifyListeners(SWT.Selection, new Event());
                assertTrue(Ui.pumpUntil(() -> bar.status().getText().startsWith("Capture failed"), 20_000), bar.status().getText());
                assertTrue(bar.status().getText().contains(file.toString()), "names the file: " + bar.status().getText());
                assertEquals(bar.status().getDisplay().getSystemColor(SWT.COLOR_RED), bar.status().getForeground());
                assertTrue(List.of(bar.startButton().isEnabled()).get(0));
            } finally {
                shell.dispose();
            }
        }
    }
}
