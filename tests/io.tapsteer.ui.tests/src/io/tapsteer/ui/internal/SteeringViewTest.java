package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.testsupport.Osgi;
import java.io.File;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The steering view against a real queue manager (ConfigAdmin factory configuration, tap in a
 * private namespace): a strategy bundle installed at run time appears in the view, and choosing a
 * row there swaps the device's strategy.
 */
class SteeringViewTest {
    private static final String TEST_BUNDLE = "io.tapsteer.queue.teststrategy";
    private static final String TEST_STRATEGY = "test-flaky";

    private static <T> T await(BundleContext ctx, Class<T> type, String filter) throws Exception {
        return Osgi.await(ctx, type, filter, 20_000);
    }

    private static List<String> names(Table table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            out.add(table.getItem(i).getText(1));
        }
        return out;
    }

    @Test
    void aStrategyBundleAppearsAndChoosingARowSwapsTheDevicesStrategy() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(SteeringViewTest.class).getBundleContext();
        assertNotNull(await(ctx, ConfigurationAdmin.class, null), "ConfigAdmin runs in the test framework");
        ConfigurationAdmin cm = ctx.getService(ctx.getServiceReference(ConfigurationAdmin.class));
        Configuration config = cm.getFactoryConfiguration(QueueManager.FACTORY_PID, "ui-steering", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("device", "uisteer");
        p.put("namespace", "private");
        p.put("queues", 2);
        config.update(p);
        Shell shell = null;
        try {
            QueueManager manager = await(ctx, QueueManager.class, "(" + QueueManager.DEVICE + "=uisteer)");
            assertNotNull(manager, "the queue manager of the configuration started");
            Bundle strategyBundle = Osgi.bundle(ctx, TEST_BUNDLE);
            assertNotNull(strategyBundle, "the test strategy bundle is in the test runtime");
            String location = Osgi.installable(strategyBundle.getLocation(), ctx);
            strategyBundle.uninstall(); // the view starts without it

            shell = Ui.shell(1000, 600);
            SteeringView view = new SteeringView();
            view.create(shell);
            shell.layout();
            Table table = view.table();
            assertTrue(Ui.pumpUntil(() -> names(table).containsAll(List.of("automq", "flow-hash", "round-robin", "single-queue")),
                    10_000), "built-in strategies listed: " + names(table));
            assertFalse(names(table).contains(TEST_STRATEGY));

            Bundle installed = ctx.installBundle(location);
            installed.start();
            assertTrue(Ui.pumpUntil(() -> names(table).contains(TEST_STRATEGY), 10_000),
                    "the installed bundle's strategy appears: " + names(table));

            int row = names(table).indexOf("flow-hash");
            view.use(row);
            assertTrue(Ui.pumpUntil(() -> manager.activeStrategy().equals("flow-hash"), 10_000),
                    "choosing the row swapped the strategy: " + manager.activeStrategy());
            assertTrue(Ui.pumpUntil(() -> "flow-hash".equals(table.getSelectionCount() == 1
                    ? table.getSelection()[0].getText(1) : ""), 10_000), "the active strategy is the selected row");
            // the RSS editor's Apply configures the "rss" strategy (ConfigAdmin) and makes it the device's strategy
            RssEditor editor = view.rss();
            editor.tableSpec().setText("weight 1 3");
            assertTrue(Ui.pumpUntil(editor::canApply, 5_000), "weight 1 3 on 2 queues is valid: " + editor.error());
            editor.applyButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            assertTrue(Ui.pumpUntil(() -> manager.activeStrategy().equals("rss"), 10_000),
                    "Apply made rss the device's strategy: " + manager.steering());
            Object rssTable = cm.getConfiguration("io.tapsteer.rss", "?").getProperties().get("table");
            assertTrue(String.valueOf(rssTable).endsWith("weight 1 3"), "the rss configuration holds the edited table: " + rssTable);
            assertTrue(Ui.pumpUntil(() -> editor.error().equals("Applied."), 10_000), editor.error());
            assertNotEquals(shell.getDisplay().getSystemColor(org.eclipse.swt.SWT.COLOR_RED), editor.message().getForeground(),
                    "success is not shown in the error colour");
            SteeringStrategy rss = await(ctx, SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=rss)");
            assertTrue(Ui.pumpUntil(() -> RssAgreement.agrees(rss, weighted13()), 10_000),
                    "the rss strategy took the edited settings (weight 1 3: a quarter of the slots on queue 0)");
            assertTrue(!RssAgreement.agrees(rss, RssConfig.defaults(2)), "and they differ from the default table");
            // "why this queue?" with the device's active strategy (now rss) answers as RssEngine does
            ExplainPanel why = view.explain();
            why.with().select(ExplainPanel.WITH_ACTIVE);
            why.source().setText("192.0.2.7");
            why.destination().setText("203.0.113.9");
            byte[] frame = new io.tapsteer.lab.FrameBuilder().reset().ipv4(new byte[] { (byte) 192, 0, 2, 7 },
                    new byte[] { (byte) 203, 0, 113, 9 }).udp(10000, 80).build();
            var expected = new io.tapsteer.rss.RssEngine(weighted13()).explain(java.nio.ByteBuffer.wrap(frame), 0, frame.length);
            assertEquals("", why.error(), why.error());
            assertEquals(String.format("0x%08x", expected.hash()), why.rows().get(2)[1], "hash row");
            assertEquals(String.valueOf(expected.queue()), why.rows().get(0)[1], "queue row");
            assertEquals("rss (user)", why.rows().get(4)[1], "explained by the device's active strategy");
            Ui.pumpUntil(() -> false, (int) TopologyView.PERIOD_MILLIS + 300); // one more poll paints the active row
            File png = Ui.screenshot(shell, "steering");
            assertTrue(png.length() > 1000, "screenshot written: " + png);
        } finally {
            if (shell != null) {
                shell.dispose();
            }
            config.delete();
        }
    }

    /** weight 1 3 over 128 slots, as ethtool spreads it: slots 0-31 on queue 0, 32-127 on queue 1 */
    private static RssConfig weighted13() {
        int[] table = new int[128];
        for (int i = 32; i < 128; i++) {
            table[i] = 1;
        }
        return new RssConfig(RssConfig.DEFAULT_KEY, io.tapsteer.api.frame.HashType.ALL, table, 0, true);
    }
}
