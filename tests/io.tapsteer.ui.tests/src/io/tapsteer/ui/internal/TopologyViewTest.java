package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.testsupport.Osgi;
import java.io.File;
import java.util.List;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/** The topology view on a real tap in a private namespace, drawn by real SWT (Xvfb in the build). */
class TopologyViewTest {

    private static List<TopologyView.Hit> queuesOf(TopologyView view, TapDevice tap) {
        return view.hits().stream().filter(h -> h.node().queue() != null && h.node().queue().device() == tap).toList();
    }

    @Test
    void showsEveryQueueAndADetachShowsUpAsDetached() throws Exception {
        TapService taps = Osgi.await(Osgi.context(TopologyViewTest.class), TapService.class, null, 10_000);
        assertTrue(taps != null, "the tap service runs in the test framework");
        try (NetNamespace ns = taps.privateNamespace("ui-topology")) {
            TapDevice tap = taps.create(TapOptions.builder().name("uitopo%d").queues(4).build(), ns);
            Shell shell = Ui.shell(900, 500);
            try {
                TopologyView view = new TopologyView();
                view.create(shell);
                shell.layout();
                assertTrue(Ui.pumpUntil(() -> queuesOf(view, tap).size() == 4, 10_000),
                        "4 queue nodes drawn, got " + queuesOf(view, tap).size());
                assertTrue(queuesOf(view, tap).stream().allMatch(h -> h.node().attached()));

                TapQueue second = tap.queues().get(1);
                tap.detach(second);
                assertTrue(Ui.pumpUntil(() -> queuesOf(view, tap).stream()
                        .anyMatch(h -> h.node().queue() == second && !h.node().attached()), 10_000),
                        "the detached queue is drawn as detached");
                assertEquals(3, queuesOf(view, tap).stream().filter(h -> h.node().attached()).count());
                assertEquals(-1, queuesOf(view, tap).stream().filter(h -> h.node().queue() == second)
                        .findFirst().orElseThrow().node().index(), "a detached queue has no kernel index");
                File png = Ui.screenshot(view.control(), "topology");
                assertTrue(png.length() > 1000, "screenshot written: " + png);
            } finally {
                shell.dispose();
                tap.close();
            }
        }
    }
}
