package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.testsupport.Osgi;
import io.tapsteer.testsupport.StandInVmm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * The Steering view on a tap another process holds (a stand-in VMM's): the tap is listed beside
 * the queue managers' devices, a strategy click says that only a kernel program steers it, and the
 * RSS editor's Apply attaches the RSS of its fields (here: queues 2 and 3 only), which the holder's
 * per-queue counts then show. Queue traffic's Capture says in words why it has nothing to capture there.
 */
class ForeignSteeringViewTest {

    @Test
    void theRssEditorSteersATapAnotherProcessHolds() throws Exception {
        Path exe = StandInVmm.build();
        assertNotNull(exe, "gcc is needed to build the stand-in VMM (apt install gcc)");
        var ctx = Osgi.context(ForeignSteeringViewTest.class);
        TapService taps = Osgi.await(ctx, TapService.class, null, 10_000);
        TapInventory inventory = Osgi.await(ctx, TapInventory.class, null, 10_000);
        assertNotNull(inventory, "the tap inventory runs in the test framework");
        try (NetNamespace ns = taps.privateNamespace("ui-fsteer"); StandInVmm vmm = new StandInVmm(exe, ns.path(), "uivm1", 4)) {
            String link = Files.readSymbolicLink(Path.of(ns.path())).toString();
            TapDevice h = inventory.foreign("uivm1", link.substring(5, link.length() - 1)); // as Tap topology takes it
            Shell shell = Ui.shell(900, 800);
            try {
                SteeringView view = new SteeringView();
                view.create(shell);
                shell.layout();
                String label = "uivm1 (netns " + h.namespace().label() + ", held by another process)";
                assertTrue(Ui.pumpUntil(() -> List.of(view.device().getItems()).contains(label), 10_000),
                        "listed: " + List.of(view.device().getItems()));
                view.device().select(List.of(view.device().getItems()).indexOf(label));
                view.device().notifyListeners(SWT.Selection, new Event());
                Ui.pumpUntil(() -> false, (int) TopologyView.PERIOD_MILLIS + 300);

                view.use(0);
                assertEquals(label + ": tapsteer reads none of its frames, so only a kernel program steers it: apply RSS below.",
                        view.status().getText());

                RssEditor editor = view.rss();
                editor.tableSpec().setText("equal 2 start 2");
                assertTrue(Ui.pumpUntil(editor::canApply, 5_000), "equal 2 start 2 on 4 queues is valid: " + editor.error());
                editor.applyButton().notifyListeners(SWT.Selection, new Event());
                assertTrue(Ui.pumpUntil(() -> editor.error().startsWith("Attached to uivm1: rss"), 15_000), editor.error());

                long[] got = vmm.sendPaced(taps, h, 1024, 0);
                assertEquals(1024, Arrays.stream(got).sum(), "the holder read every frame: " + Arrays.toString(got));
                assertEquals(0, got[0] + got[1], "queues 0 and 1 get nothing: " + Arrays.toString(got));
                assertTrue(got[2] > 256 && got[3] > 256, "queues 2 and 3 share the flows: " + Arrays.toString(got));
                File png = Ui.screenshot(view.control(), "steering-foreign");
                assertTrue(png.length() > 1000, "screenshot written: " + png);

                // Queue traffic shows the tap from the kernel's counters; Capture says why it has nothing to write
                view.control().dispose();
                QueueTrafficView traffic = new QueueTrafficView();
                traffic.create(shell);
                shell.layout();
                traffic.choose("uivm1");
                assertTrue(Ui.pumpUntil(() -> traffic.model().stats() != null && traffic.model().stats().device().equals("uivm1"), 15_000),
                        "the stats service carries the tap: " + traffic.summary().getText());
                traffic.capture().startButton().notifyListeners(SWT.Selection, new Event());
                assertEquals("Nothing to capture on uivm1: another process holds its queues and reads its frames, tapsteer reads none of"
                        + " them (its per-queue counts come from the kernel). Capture it where its frames are read, or steer a lab tap of"
                        + " tapsteer's own.", traffic.capture().status().getText());
            } finally {
                shell.dispose();
                Services.get().kernelSteering().detach(h, TopologyView.OWNER);
                h.close();
            }
        }
    }
}
