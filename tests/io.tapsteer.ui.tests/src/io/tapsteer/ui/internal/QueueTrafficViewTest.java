package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.stats.StatsFormat;
import java.io.File;
import java.util.List;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;

/**
 * The queue traffic view against the real stats service, a real queue manager on a 4-queue tap in a
 * private namespace and real lab traffic: what the table, the balance line and the chart show is
 * exactly the stats service's snapshot.
 */
class QueueTrafficViewTest {

    private static String[] row(Table table, int i) {
        String[] cells = new String[table.getColumnCount()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = table.getItem(i).getText(c);
        }
        return cells;
    }

    @Test
    void theQueueTableEqualsTheStatsSnapshotTakenAtTheSameMoment() throws Exception {
        try (QueueLab lab = new QueueLab("uitraffic", 4)) {
            StatsService stats = lab.trackedBy();
            assertNotNull(stats, "the stats service tracks " + lab.device());
            lab.traffic(256, 20_000, 1_000_000);
            Shell shell = Ui.shell(900, 650);
            try {
                QueueTrafficView view = new QueueTrafficView();
                view.create(shell);
                view.choose(lab.device());
                shell.layout();
                assertTrue(Ui.pumpUntil(() -> view.live() && view.model().stats().device().equals(lab.device())
                        && view.model().history().size() >= 3, 20_000), "the view shows live rates of " + lab.device());

                view.pause(true);
                DeviceStats s = stats.snapshot(lab.device());
                List<DeviceStats> history = stats.history(lab.device());
                view.show(TrafficModel.of(stats.devices(), s, history));
                Ui.pumpUntil(() -> false, 100);

                Table table = view.control();
                assertEquals(4, s.queues().size(), "the snapshot has the tap's 4 queues");
                assertEquals(s.queues().size(), table.getItemCount(), "one row per queue of the snapshot");
                assertTrue(s.rxPackets() > 0 && s.rxRate().measured(), "the snapshot has traffic and a measured rate");
                for (int i = 0; i < s.queues().size(); i++) {
                    QueueStats q = s.queues().get(i);
                    String[] expected = { String.valueOf(q.index()), Long.toString(q.counters().rxPackets()),
                            Long.toString(q.counters().rxBytes()), StatsFormat.si(q.rxRate().packetsPerSecond()),
                            StatsFormat.si(q.rxRate().bitsPerSecond()), StatsFormat.percent(q.share()),
                            Long.toString(q.counters().totalDrops()), Long.toString(q.counters().fallbacks()),
                            Long.toString(q.counters().txPackets()) };
                    assertArrayEquals(expected, row(table, i), "queue " + q.index() + " shows the snapshot's numbers");
                }
                String balance = view.balance().getText();
                assertTrue(balance.contains(s.balance().text()), "the verdict in the stats service's words: " + balance);
                assertTrue(balance.contains(String.format(java.util.Locale.ROOT, "Jain index %.3f", s.balance().jainIndex())), balance);
                if (s.balance().hotQueue() >= 0) {
                    assertTrue(balance.contains("hot queue: " + s.balance().hotQueue()), balance);
                }
                assertEquals(history, view.chart().samples(), "the chart draws the stats history ring");

                File png = Ui.screenshot(table.getParent(), "queue-traffic");
                assertTrue(png.length() > 1000, "screenshot written: " + png);

                view.pause(false);
                long before = s.rxPackets();
                assertTrue(Ui.pumpUntil(() -> view.model().stats().rxPackets() > before, 10_000),
                        "unpaused, the view follows the traffic again");
            } finally {
                shell.dispose();
            }
        }
    }

    @Test
    void withoutTrafficTheViewSaysWhyItShowsNoRates() {
        Shell shell = Ui.shell(700, 400);
        try {
            QueueTrafficView view = new QueueTrafficView();
            view.create(shell);
            view.pause(true);
            view.show(TrafficModel.capture(null, null));
            assertEquals(0, view.control().getItemCount());
            assertTrue(view.summary().getText().contains("io.tapsteer.stats"), view.summary().getText());
            assertTrue(!view.live());
        } finally {
            shell.dispose();
        }
    }
}
