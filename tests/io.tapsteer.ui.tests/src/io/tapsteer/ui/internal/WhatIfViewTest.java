package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.capture.CaptureSummary;
import io.tapsteer.api.capture.WhatIfResult;
import io.tapsteer.api.capture.WhatIfResult.Candidate;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The What-if view on a real capture (written by the capture service from lab traffic on a real
 * queue manager): a checked strategy and an RSS settings line become bars per queue per candidate
 * and a row each, with what the what-if service computes for the same inputs; a file that is no
 * capture and settings that are no settings are refused in words.
 */
class WhatIfViewTest {
    private static Path capture;
    private static long frames;

    @BeforeAll
    static void captureLabTraffic() throws Exception {
        capture = Path.of("target/captures/whatif-input.pcapng").toAbsolutePath();
        Files.createDirectories(capture.getParent());
        Files.deleteIfExists(capture);
        try (QueueLab lab = new QueueLab("uiwhat", 4)) {
            lab.traffic(128, 4000, 200_000);
            assertNotNull(lab.trackedBy(), "the stats service tracks the device");
            long until = System.nanoTime() + 20_000_000_000L;
            while (Services.get().capture() == null && System.nanoTime() - until < 0) {
                Thread.sleep(50);
            }
            assertNotNull(Services.get().capture(), "the capture service runs");
            CaptureSummary s = Services.get().capture().capture(lab.device(), "", 30, 2000, 262_144, capture);
            assertEquals(2000, s.frames(), s.text());
            frames = s.frames();
        }
    }

    private static WhatIfView open(Shell shell) {
        WhatIfView view = new WhatIfView();
        view.create(shell);
        shell.layout();
        assertTrue(Ui.pumpUntil(() -> view.strategies().getItemCount() > 0 && view.live(), 20_000), "the strategies are listed");
        return view;
    }

    private static void check(WhatIfView view, String strategy) {
        for (TableItem i : view.strategies().getItems()) {
            if (i.getText().equals(strategy)) {
                i.setChecked(true);
                return;
            }
        }
        throw new AssertionError(strategy + " is not listed");
    }

    @Test
    void aStrategyAndRssSettingsBecomeBarsPerQueueAndARowEach() throws Exception {
        Shell shell = Ui.shell(1000, 760);
        try {
            WhatIfView view = open(shell);
            view.file().setText(capture.toString());
            view.queues().setSelection(4);
            check(view, "round-robin");
            view.rss().setText("equal 2\n\n");
            view.compareButton().notifyListeners(SWT.Selection, new Event());
            assertTrue(Ui.pumpUntil(() -> view.result() != null, 60_000), view.status().getText());
            WhatIfResult r = view.result();
            assertEquals(capture + ": " + frames + " frames on 4 queues, 2 candidates", view.status().getText());
            assertEquals(List.of("round-robin", "rss[equal 2]"), r.candidates().stream().map(Candidate::name).toList());
            WhatIfResult direct = Services.get().whatIf().compare(capture, 4, List.of("round-robin"), List.of("equal 2"));
            for (int c = 0; c < 2; c++) {
                assertEquals(direct.candidates().get(c).frames(), r.candidates().get(c).frames(), "the view shows the service's answer");
                assertEquals(frames, r.candidates().get(c).frames().stream().mapToLong(Long::longValue).sum(), "every frame on a queue");
            }
            Candidate rss = r.candidates().get(1);
            assertEquals(0L, rss.frames().get(2) + rss.frames().get(3), "equal 2 uses queues 0 and 1 only: " + rss.frames());
            assertTrue(rss.keepsFlowOrder(), "RSS keeps each flow on one queue");
            assertTrue(!r.candidates().get(0).keepsFlowOrder(), "round robin breaks flow order");

            assertTrue(Ui.pumpUntil(() -> view.bars().bars().size() == 8, 5_000), "one bar per queue per candidate: "
                    + view.bars().bars().size());
            List<WhatIfBars.Bar> bars = view.bars().bars();
            long max = bars.stream().mapToLong(WhatIfBars.Bar::frames).max().orElseThrow();
            for (WhatIfBars.Bar b : bars) {
                assertEquals(r.candidates().get(b.candidate()).frames().get(b.queue()).longValue(), b.frames());
                WhatIfBars.Bar tallest = bars.stream().filter(x -> x.frames() == max).findFirst().orElseThrow();
                assertTrue(b.bounds().height <= tallest.bounds().height, "one scale for every bar");
            }
            assertEquals(0, bars.stream().filter(b -> b.candidate() == 1 && b.queue() >= 2).mapToInt(b -> b.bounds().height).sum());

            assertEquals(2, view.summary().getItemCount());
            assertEquals("rss[equal 2]", view.summary().getItem(1).getText(0));
            assertEquals("kept", view.summary().getItem(1).getText(3));
            assertTrue(view.summary().getItem(0).getText(3).startsWith("broken ("), view.summary().getItem(0).getText(3));
            assertEquals(r.candidates().get(1).balance().verdict().label(), view.summary().getItem(1).getText(1));
            File png = Ui.screenshot(view.control(), "whatif");
            assertTrue(png.length() > 1000, "screenshot written: " + png);
        } finally {
            shell.dispose();
        }
    }

    @Test
    void aFileThatIsNoCaptureAndSettingsThatAreNoSettingsAreRefusedInWords() throws Exception {
        Path junk = Path.of("target/captures/not-a-capture.txt").toAbsolutePath();
        Files.createDirectories(junk.getParent());
        Files.writeString(junk, "this is not a capture\n");
        Shell shell = Ui.shell(1000, 700);
        try {
            WhatIfView view = open(shell);
            view.file().setText(junk.toString());
            check(view, "round-robin");
            view.compareButton().notifyListeners(SWT.Selection, new Event());
            assertTrue(Ui.pumpUntil(() -> view.status().getText().startsWith("What if failed"), 30_000), view.status().getText());
            assertTrue(view.status().getText().contains(junk.toString()), "names the file: " + view.status().getText());
            assertEquals(view.status().getDisplay().getSystemColor(SWT.COLOR_RED), view.status().getForeground());

            view.file().setText(capture.toString());
            view.rss().setText("equal seven");
            view.compareButton().notifyListeners(SWT.Selection, new Event());
            assertTrue(Ui.pumpUntil(() -> view.status().getText().startsWith("What if failed: --rss 'equal seven'"), 30_000),
                    view.status().getText());
            Ui.screenshot(view.control(), "whatif-refused");
        } finally {
            shell.dispose();
        }
    }
}
