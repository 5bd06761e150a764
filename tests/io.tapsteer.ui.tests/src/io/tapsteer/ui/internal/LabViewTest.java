package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.testsupport.Osgi;
import io.tapsteer.ui.LabSources;
import java.io.File;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * The Lab panel on the real tap service: it creates and closes taps in its own private namespace,
 * and its traffic source sends real frames into a queue manager's tap in a private namespace, and
 * stops when told.
 */
class LabViewTest {

    private static void press(org.eclipse.swt.widgets.Button b) {
        b.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void createsAndClosesADeviceInItsPrivateNamespace() throws Exception {
        Shell shell = Ui.shell(700, 700);
        LabView view = new LabView();
        try {
            view.create(shell);
            shell.layout();
            view.name().setText("uilab%d");
            view.queues().setSelection(3);
            view.withManager().setSelection(false); // a plain tap in the panel's own namespace
            view.createDevice();
            assertTrue(Ui.pumpUntil(() -> view.deviceList().getItemCount() == 1, 10_000), view.status().getText());
            String name = view.deviceList().getItem(0);
            assertTrue(name.matches("uilab\\d+"), name);
            TapService taps = Osgi.await(Osgi.context(LabViewTest.class), TapService.class, null, 10_000);
            assertNotNull(taps, "the tap service runs in the test framework");
            TapDevice device = taps.devices().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
            assertNotNull(device, "the tap service opened " + name);
            assertEquals(3, device.attachedQueues(), "with the queues asked for");
            assertNotNull(device.namespace(), "in a private namespace, not the host's");
            assertTrue(view.status().getText().contains(name), view.status().getText());

            view.deviceList().select(0);
            view.closeDevice(0);
            assertTrue(Ui.pumpUntil(() -> device.isClosed() && view.deviceList().getItemCount() == 0, 10_000),
                    "closed and gone from the list: " + view.status().getText());
            assertEquals("Closed " + name + ".", view.status().getText());
        } finally {
            shell.dispose();
            view.dispose();
        }
    }

    @Test
    void createRunsAQueueManagerWhoseCountersShowTheLabTraffic() throws Exception {
        Shell shell = Ui.shell(900, 760);
        LabView view = new LabView();
        try {
            view.create(shell);
            shell.layout();
            assertTrue(view.withManager().getSelection(), "Create runs a queue manager unless told otherwise");
            view.name().setText("uilabm%d");
            view.queues().setSelection(2);
            view.createDevice();
            assertTrue(Ui.pumpUntil(() -> view.deviceList().getItemCount() == 1, 25_000), view.status().getText());
            TapDevice device = view.devices().list().get(0);
            assertEquals("Created " + device.name() + " with 2 queues and a queue manager reading them, in a private namespace of its own.",
                    view.status().getText());
            QueueManager manager = Services.get().managers().stream().filter(m -> m.device() == device).findFirst().orElse(null);
            assertNotNull(manager, "a queue manager runs " + device.name());
            assertTrue(view.devices().hasManager(device));

            LabTraffic traffic = view.traffic();
            assertTrue(Ui.pumpUntil(() -> traffic.targets().contains(device), 10_000), "a traffic target: " + traffic.targets());
            traffic.target().select(traffic.targets().indexOf(device));
            traffic.flows().setSelection(32);
            traffic.rate().setSelection(5_000);
            traffic.frames().setSelection(20_000);
            traffic.seconds().setSelection(30);
            assertTrue(Ui.pumpUntil(() -> traffic.startButton().isEnabled(), 5_000));
            press(traffic.startButton());
            assertTrue(Ui.pumpUntil(() -> manager.queueCounters().stream().mapToLong(c -> c.rxPackets()).sum() > 1000, 20_000),
                    "the queue manager reads the Lab view's frames: " + traffic.status().getText() + traffic.error().getText());
            press(traffic.stopButton());
            assertTrue(Ui.pumpUntil(() -> !LabSources.sending(device.name()), 10_000), "the source stopped");

            view.closeDevice(0);
            assertTrue(Ui.pumpUntil(() -> device.isClosed() && view.deviceList().getItemCount() == 0
                    && Services.get().managers().stream().noneMatch(m -> m.device() == device), 15_000),
                    "Close stops the queue manager and its tap: " + view.status().getText());
            assertEquals("Closed " + device.name() + ".", view.status().getText());
        } finally {
            shell.dispose();
            view.dispose();
        }
    }

    @Test
    void startsAndStopsTrafficIntoAPrivateQueueManagerTap() throws Exception {
        try (QueueLab lab = new QueueLab("uilabq", 2)) {
            Shell shell = Ui.shell(700, 700);
            LabView view = new LabView();
            try {
                view.create(shell);
                shell.layout();
                LabTraffic traffic = view.traffic();
                assertTrue(Ui.pumpUntil(() -> traffic.targets().contains(lab.manager.device()), 10_000),
                        "the queue manager's private tap is a traffic target: " + traffic.targets());
                traffic.target().select(traffic.targets().indexOf(lab.manager.device()));
                traffic.flows().setSelection(16);
                traffic.rate().setSelection(20_000);
                traffic.frames().setSelection(5_000_000);
                traffic.seconds().setSelection(60);
                assertTrue(Ui.pumpUntil(() -> traffic.startButton().isEnabled(), 5_000));
                press(traffic.startButton());

                assertTrue(Ui.pumpUntil(() -> lab.received() > 1000 && traffic.status().getText().startsWith("Sending into "),
                        20_000), "the queue manager counts the lab's frames: " + lab.received() + ", " + traffic.status().getText()
                                + traffic.error().getText());
                assertTrue(Ui.pumpUntil(view::live, 5_000), "the panel shows a live source");
                assertTrue(Ui.pumpUntil(() -> traffic.stopButton().isEnabled() && !traffic.startButton().isEnabled(), 5_000),
                        "while sending, Stop is enabled and Start is not");
                Ui.pumpUntil(() -> false, 300);
                File png = Ui.screenshot(view.control(), "lab");
                assertTrue(png.length() > 1000, "screenshot written: " + png);

                press(traffic.stopButton());
                assertTrue(Ui.pumpUntil(() -> !LabSources.sending(lab.device()), 10_000), "the source stopped");
                TrafficSource.Result result = LabSources.of(lab.device()).result().join();
                assertTrue(result.sent() > 0 && result.sent() < 5_000_000, "stopped by the button, not by the count: " + result);
                assertTrue(Ui.pumpUntil(() -> traffic.status().getText().startsWith("Stopped: " + result.sent() + " frames"), 5_000),
                        traffic.status().getText());
                // once the rings are drained the counters stand still: nothing sends any more
                long[] last = { -1 };
                assertTrue(Ui.pumpUntil(() -> {
                    long now = lab.received();
                    boolean still = now == last[0];
                    last[0] = now;
                    Ui.pumpUntil(() -> false, 300);
                    return still;
                }, 10_000), "the counters stopped increasing");
                long settled = lab.received();
                Ui.pumpUntil(() -> false, 1_000);
                assertEquals(settled, lab.received(), "no frame arrives after Stop");
                assertTrue(settled <= result.sent(), "read " + settled + " of " + result.sent() + " sent");
                assertEquals(result.sent(), LabSources.of(lab.device()).source().sent(), "the source's count is final");
                assertFalse(traffic.stopButton().isEnabled());
                assertTrue(traffic.startButton().isEnabled(), "can start again");
                List<TapDevice> targets = traffic.targets();
                assertTrue(targets.stream().allMatch(d -> d.namespace() != null), "only private-namespace taps: " + targets);
            } finally {
                shell.dispose();
                view.dispose();
            }
        }
    }
}
