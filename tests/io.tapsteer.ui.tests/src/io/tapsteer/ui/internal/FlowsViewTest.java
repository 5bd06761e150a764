package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.stats.StatsFormat;
import java.io.File;
import java.util.List;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;

/** The flows view lists the top flows of the stats service's snapshot, with their queue, lane and share. */
class FlowsViewTest {

    @Test
    void showsTheTopFlowsOfTheSnapshotWithTheirQueueAndShare() throws Exception {
        try (QueueLab lab = new QueueLab("uiflows", 4)) {
            StatsService stats = lab.trackedBy();
            assertNotNull(stats, "the stats service tracks " + lab.device());
            // few flows, so each is well above the space-saving threshold and listed
            lab.traffic(8, 20_000, 1_000_000);
            Shell shell = Ui.shell(900, 400);
            try {
                FlowsView view = new FlowsView();
                view.create(shell);
                shell.layout();
                assertTrue(Ui.pumpUntil(() -> view.rows().stream().filter(r -> r.device().equals(lab.device())).count() == 8,
                        20_000), "the 8 lab flows are listed: " + view.rows());

                view.pause(true);
                DeviceStats s = stats.snapshot(lab.device());
                view.show(List.of(s));
                Ui.pumpUntil(() -> false, 100);

                Table table = view.table();
                List<FlowStats> top = s.topFlows();
                assertEquals(8, top.size(), "the snapshot's top flows are the lab's 8 flows");
                assertEquals(top.size(), table.getItemCount());
                double shares = 0;
                for (int i = 0; i < top.size(); i++) {
                    FlowStats f = top.get(i);
                    String[] expected = { lab.device(), String.valueOf(i + 1), String.valueOf(f.queue()), String.valueOf(f.lane()),
                            f.packets() + (f.error() > 0 ? "~" : ""), StatsFormat.percent(f.share()), f.flow() };
                    String[] shown = new String[expected.length];
                    for (int c = 0; c < shown.length; c++) {
                        shown[c] = table.getItem(i).getText(c);
                    }
                    assertArrayEquals(expected, shown, "flow " + (i + 1) + " as the snapshot lists it");
                    assertTrue(f.queue() >= 0 && f.queue() < 4, "a flow arrives on one of the 4 queues: " + f.queue());
                    assertTrue(f.flow().contains("192.0.2.") || f.flow().contains("198.51.100.") || f.flow().contains("203.0.113.")
                            || f.flow().contains("2001:db8"), "a documentation-address lab flow: " + f.flow());
                    shares += f.share();
                }
                assertTrue(shares > 0.99 && shares <= 1.0001, "8 flows carry all the traffic: " + shares);
                assertFalse(view.control().getChildren()[0] instanceof Table, "a status line sits above the table");

                File png = Ui.screenshot(view.control(), "flows");
                assertTrue(png.length() > 1000, "screenshot written: " + png);
            } finally {
                shell.dispose();
            }
        }
    }
}
