package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.testsupport.Osgi;
import io.tapsteer.testsupport.StandInVmm;
import io.tapsteer.ui.internal.TopologyModel.DeviceNode;
import io.tapsteer.ui.internal.TopologyModel.QueueNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The topology view shows the whole host, not only tapsteer's taps: a stand-in VMM (a C program
 * built with gcc) holds a 4-queue tap in a namespace of the test's own; the view draws it with its
 * holder process and fds, and the user steers it with RSS (the settings the Steering view's RSS
 * editor applies: two of four queues) by clicking it and "Steer with RSS". The
 * frames the holder reads per queue are then what the view shows from the kernel's mq qdisc and from
 * the steering program's own counters. A tap no process holds is refused in one sentence.
 */
class ForeignTopologyTest {
    private static final int QUEUES = 4;
    private static final int FLOWS = 4096;

    private static long inode(String nsPath) throws Exception {
        String link = Files.readSymbolicLink(Path.of(nsPath)).toString();
        return Long.parseLong(link.substring(5, link.length() - 1));
    }

    private static DeviceNode node(TopologyView view, long inode, String name) {
        return view.model().devices().stream().filter(d -> d.tap() != null && d.tap().netnsInode() == inode && d.name().equals(name))
                .findFirst().orElse(null);
    }

    /** Clicks the middle of the device's box, as a user does. */
    private static void click(TopologyView view, DeviceNode d) {
        Rectangle r = view.deviceHits().stream().filter(h -> h.node().key().equals(d.key())).findFirst()
                .orElseThrow(() -> new AssertionError(d.name() + " is not drawn")).bounds();
        Event e = new Event();
        e.x = r.x + r.width / 2;
        e.y = r.y + r.height / 2;
        e.button = 1;
        view.control().notifyListeners(SWT.MouseDown, e);
    }

    private static long[] counts(DeviceNode d, boolean program) {
        return d.queues().stream().filter(QueueNode::attached).mapToLong(q -> program ? q.programPackets() : q.kernelPackets()).toArray();
    }

    private static long[] minus(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - (i < b.length ? Math.max(0, b[i]) : 0);
        }
        return out;
    }

    @Test
    void aTapAnotherProcessHoldsIsDrawnWithItsHolderAndSteeredFromTheView() throws Exception {
        Path exe = StandInVmm.build();
        assertNotNull(exe, "gcc is needed to build the stand-in VMM (apt install gcc)");
        TapService taps = Osgi.await(Osgi.context(ForeignTopologyTest.class), TapService.class, null, 10_000);
        assertNotNull(taps, "the tap service runs in the test framework");
        try (NetNamespace ns = taps.privateNamespace("ui-foreign"); StandInVmm vmm = new StandInVmm(exe, ns.path(), "uivm0", QUEUES)) {
            long inode = inode(ns.path());
            ConfigurationAdmin cm = Services.get().configurationAdmin();
            assertNotNull(cm, "ConfigAdmin runs in the test framework");
            Configuration rss = cm.getConfiguration(RssStrategyConfig.PID, "?");
            Dictionary<String, Object> saved = rss.getProperties();
            Shell shell = Ui.shell(1000, 760);
            try {
                TopologyView view = new TopologyView();
                view.create(shell);
                shell.layout();
                assertTrue(Ui.pumpUntil(() -> node(view, inode, "uivm0") != null && node(view, inode, "uivm0").device() != null
                        && view.deviceHits().stream().anyMatch(h -> h.node().name().equals("uivm0")), 20_000),
                        "the stand-in's tap is drawn, with a handle for its kernel counters");
                DeviceNode d = node(view, inode, "uivm0");
                assertTrue(d.foreign(), "held by another process, not by tapsteer");
                String fds = Arrays.stream(vmm.fds).mapToObj(Integer::toString).collect(Collectors.joining(","));
                assertEquals("standin-vmm pid " + vmm.pid() + " fd " + fds, d.holders(), "the holder: process, pid and its queue fds");
                assertTrue(d.flags().startsWith("tap multi_queue"), d.flags());
                assertEquals(QUEUES, d.queues().size());
                assertEquals("automq", d.kernelSteering());
                assertFalse(view.steerButton().isEnabled(), "nothing chosen yet");

                // the RSS settings the Steering view's editor applies (and rss:set writes): two of the four queues
                rss.update(settings("equal 2"));
                click(view, d);
                assertTrue(view.steerButton().isEnabled(), "a foreign tap, chosen: it can be steered");
                view.steerButton().notifyListeners(SWT.Selection, new Event());
                assertTrue(Ui.pumpUntil(() -> view.status().getText().contains("attached"), 15_000), view.status().getText());
                assertTrue(view.status().getText().startsWith("uivm0 (netns " + d.tap().netns() + "): rss"), view.status().getText());
                assertTrue(Ui.pumpUntil(() -> node(view, inode, "uivm0").kernelSteering().startsWith("rss")
                        && counts(node(view, inode, "uivm0"), true).length == QUEUES
                        && Arrays.stream(counts(node(view, inode, "uivm0"), true)).allMatch(c -> c >= 0), 10_000),
                        "the device shows its program and the program's own counters: " + node(view, inode, "uivm0"));
                assertTrue(node(view, inode, "uivm0").kernelSteering().endsWith("(" + TopologyView.OWNER + ")"));
                Rectangle box = view.deviceHits().stream().filter(h -> h.node().name().equals("uivm0")).findFirst().orElseThrow().bounds();
                Event move = new Event();
                move.x = box.x + 5;
                move.y = box.y + 5;
                view.control().notifyListeners(SWT.MouseMove, move);
                assertTrue(view.control().getToolTipText().endsWith("kernel: " + node(view, inode, "uivm0").kernelSteering()),
                        "the tooltip has the program uncut: " + view.control().getToolTipText());

                DeviceNode before = node(view, inode, "uivm0");
                long[] qdiscBefore = counts(before, false);
                long[] programBefore = counts(before, true);
                long[] got = vmm.sendPaced(taps, before.device(), FLOWS, 0);
                assertEquals(FLOWS, Arrays.stream(got).sum(), "the holder read every frame: " + Arrays.toString(got));
                assertEquals(0, got[2] + got[3], "equal 2: nothing on queues 2 and 3 " + Arrays.toString(got));
                assertTrue(got[0] > FLOWS / 4 && got[1] > FLOWS / 4, "RSS spreads the flows over queues 0 and 1: " + Arrays.toString(got));
                assertTrue(Ui.pumpUntil(() -> Arrays.equals(got, minus(counts(node(view, inode, "uivm0"), false), qdiscBefore))
                        && Arrays.equals(got, minus(counts(node(view, inode, "uivm0"), true), programBefore)), 10_000),
                        "per queue, the view's kernel counters (mq qdisc " + Arrays.toString(minus(counts(node(view, inode, "uivm0"), false), qdiscBefore))
                                + ", program " + Arrays.toString(minus(counts(node(view, inode, "uivm0"), true), programBefore))
                                + ") are what the holder read " + Arrays.toString(got));
                List<String> loads = view.hits().stream().filter(h -> view.deviceHits().stream()
                        .anyMatch(dh -> dh.node().name().equals("uivm0") && dh.node().queues().contains(h.node())))
                        .map(h -> TopologyView.queueLoad(h.node(), 0)).toList();
                assertTrue(loads.stream().allMatch(l -> l.endsWith("(kernel: mq qdisc)")), loads.toString());
                File png = Ui.screenshot(view.top(), "topology-foreign");
                assertTrue(png.length() > 1000, "screenshot written: " + png);

                view.automqButton().notifyListeners(SWT.Selection, new Event());
                assertTrue(Ui.pumpUntil(() -> view.status().getText().contains("back to automq")
                        && node(view, inode, "uivm0").kernelSteering().equals("automq"), 15_000), view.status().getText());
                assertEquals("uivm0 (netns " + d.tap().netns() + "): steering program detached, back to automq", view.status().getText());
                assertEquals(QUEUES, node(view, inode, "uivm0").attachedCount(), "numqueues never changed");
            } finally {
                shell.dispose();
                if (saved == null) {
                    rss.delete();
                } else {
                    rss.update(saved);
                }
            }
        }
    }

    /** @return the "rss" strategy's configuration with the default key and types and this table */
    private static Hashtable<String, Object> settings(String table) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(RssStrategyConfig.KEY, RssStrategyConfig.DEFAULT_KEY);
        p.put(RssStrategyConfig.HASH_TYPES, RssStrategyConfig.DEFAULT_HASH_TYPES);
        p.put(RssStrategyConfig.TABLE, table);
        p.put(RssStrategyConfig.UNCLASSIFIED_QUEUE, 0);
        return p;
    }

    @Test
    void aTapNoProcessHoldsIsRefusedInOneSentence() throws Exception {
        TapService taps = Osgi.await(Osgi.context(ForeignTopologyTest.class), TapService.class, null, 10_000);
        assertNotNull(taps, "the tap service runs in the test framework");
        try (NetNamespace ns = taps.privateNamespace("ui-noholder")) {
            long inode = inode(ns.path());
            TapDevice t = taps.create(TapOptions.builder().name("uiper%d").queues(2).persist(true).build(), ns);
            String name = t.name();
            t.close(); // persistent: it stays, held by no process, and goes with the namespace
            Shell shell = Ui.shell(1000, 600);
            try {
                TopologyView view = new TopologyView();
                view.create(shell);
                shell.layout();
                assertTrue(Ui.pumpUntil(() -> node(view, inode, name) != null
                        && view.deviceHits().stream().anyMatch(h -> h.node().name().equals(name)), 20_000), name + " is drawn");
                DeviceNode d = node(view, inode, name);
                assertTrue(d.foreign(), "no longer tapsteer's: its fds are closed");
                assertEquals("", d.holders());
                click(view, d);
                view.steerButton().notifyListeners(SWT.Selection, new Event());
                assertTrue(Ui.pumpUntil(() -> view.status().getText().contains("not changed"), 15_000), view.status().getText());
                assertEquals(name + " was not changed: no process holds a queue of " + name + " (netns " + d.tap().netns()
                        + "): it has no attached queue to steer, and tapsteer never opens a queue on a tap it does not own",
                        view.status().getText());
                assertEquals(SWT.COLOR_RED, red(view));
                assertEquals("automq", node(view, inode, name).kernelSteering());
                Ui.screenshot(view.top(), "topology-refused");
            } finally {
                shell.dispose();
                try (TapDevice again = taps.create(TapOptions.builder().name(name).queues(2).build(), ns)) {
                    again.setPersist(false); // deleted when this last fd closes, before the namespace goes
                }
            }
        }
    }

    private static int red(TopologyView view) {
        return view.status().getForeground().equals(view.status().getDisplay().getSystemColor(SWT.COLOR_RED)) ? SWT.COLOR_RED : -1;
    }
}
