package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * Close while the Lab panel creates a tap, on the real tap service: a create is held in progress
 * (the panel's hook waits on a latch inside the create task, before the tap is made), and Close,
 * a second Create and the panel's own close must not wait for it. Afterwards no tap of the panel
 * is open and its namespace's holding thread is gone.
 */
class LabCreateCloseTest {

    /** Upper bound of a held create: the release always comes first in a passing run. */
    private static final long HOLD_SECONDS = 30;

    private static TapService taps() throws InterruptedException {
        var ctx = org.osgi.framework.FrameworkUtil.getBundle(LabCreateCloseTest.class).getBundleContext();
        var tracker = new org.osgi.util.tracker.ServiceTracker<TapService, TapService>(ctx, TapService.class, null);
        tracker.open();
        try {
            return tracker.waitForService(10_000);
        } finally {
            tracker.close();
        }
    }

    private static boolean open(TapService taps, String name) {
        return taps.devices().stream().anyMatch(d -> d.name().equals(name) && !d.isClosed());
    }

    /** Holds every later create of the panel until {@code release} counts down; {@code entered} says one is held. */
    private static void hold(LabDevices devices, CountDownLatch entered, CountDownLatch release) {
        devices.beforeCreate = () -> {
            entered.countDown();
            try {
                release.await(HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void closeDuringACreateClosesTheListedDeviceAtOnceAndLeavesNothingBehind() throws Exception {
        TapService taps = taps();
        assertNotNull(taps, "the tap service runs in the test framework");
        Shell shell = Ui.shell(700, 700);
        LabView view = new LabView();
        CountDownLatch release = new CountDownLatch(1);
        try {
            view.create(shell);
            shell.layout();
            view.withManager().setSelection(false); // the panel's own namespace and plain taps
            view.name().setText("uihold0");
            view.queues().setSelection(2);
            view.createDevice();
            assertTrue(Ui.pumpUntil(() -> view.deviceList().getItemCount() == 1, 10_000), view.status().getText());
            TapDevice first = view.devices().list().get(0);
            NetNamespace ns = first.namespace();
            assertTrue(Files.exists(Path.of(ns.path())), "the lab namespace is held: " + ns.path());

            CountDownLatch entered = new CountDownLatch(1);
            hold(view.devices(), entered, release);
            view.name().setText("uihold1");
            view.createDevice();
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the second create is in progress");
            assertEquals("Creating uihold1...", view.status().getText());

            view.createDevice(); // a third while the second runs: refused in words, at once
            assertEquals("uihold1 is still being created: wait until it is listed, then create the next device",
                    view.status().getText());
            view.closeDevice(-1); // Close with nothing listed to pick: says why
            assertEquals("uihold1 is still being created: it can be closed once it is listed", view.status().getText());

            view.deviceList().select(0);
            view.closeDevice(0); // the listed device closes while the create still runs
            assertTrue(Ui.pumpUntil(() -> first.isClosed() && view.deviceList().getItemCount() == 0, 10_000),
                    "closed during the create: " + view.status().getText());
            assertEquals("Closed uihold0.", view.status().getText());
            assertEquals("uihold1", view.devices().creating(), "and the create was still held when Close finished");
            assertFalse(open(taps, "uihold0"), "the closed tap is gone from the tap service");

            release.countDown();
            assertTrue(Ui.pumpUntil(() -> view.deviceList().getItemCount() == 1, 10_000), view.status().getText());
            assertEquals("uihold1", view.deviceList().getItem(0));
            assertTrue(view.status().getText().startsWith("Created uihold1 with 2 queues"), view.status().getText());
            assertTrue(open(taps, "uihold1"));
            assertEquals(ns, view.devices().list().get(0).namespace(), "in the same lab namespace");

            view.dispose();
            assertFalse(open(taps, "uihold1"), "closing the panel closes its taps");
            assertTrue(Ui.pumpUntil(() -> !Files.exists(Path.of(ns.path())), 10_000), "and its namespace: " + ns.path());
        } finally {
            release.countDown();
            shell.dispose();
            view.dispose();
        }
    }

    @Test
    void closingThePanelDuringACreateDeletesWhatThatCreateMakes() throws Exception {
        TapService taps = taps();
        assertNotNull(taps, "the tap service runs in the test framework");
        LabDevices devices = new LabDevices();
        CountDownLatch release = new CountDownLatch(1);
        try {
            TapDevice first = devices.create(taps, TapOptions.builder().name("uipanel0").queues(1).build()).get(10, TimeUnit.SECONDS);
            NetNamespace ns = first.namespace();
            CountDownLatch entered = new CountDownLatch(1);
            hold(devices, entered, release);
            CompletableFuture<TapDevice> second = devices.create(taps, TapOptions.builder().name("uipanel1").queues(1).build());
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the second create is in progress");

            devices.close(); // the panel closes: its listed tap goes at once, the create in progress is left to clean up
            assertTrue(first.isClosed(), "the listed tap closed without waiting for the create");
            assertEquals("uipanel1", devices.creating(), "while the create was still held");
            assertTrue(Files.exists(Path.of(ns.path())), "the namespace stays for the create that runs in it");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> devices.create(taps, TapOptions.builder().name("uipanel2").build()));
            assertEquals("the Lab panel is closed: it creates no more devices", refused.getMessage());

            release.countDown();
            CompletionException failed = assertThrows(CompletionException.class, second::join);
            assertEquals("the Lab panel closed while uipanel1 was being created: it was deleted with the lab namespace",
                    failed.getCause().getMessage());
            assertNull(failed.getCause().getCause(), "the tap was made, then deleted (its create did not fail)");
            assertEquals(0, failed.getCause().getSuppressed().length, "deleting it went without error");
            assertFalse(open(taps, "uipanel0"), "no tap of the panel is left");
            assertFalse(open(taps, "uipanel1"), "not even the one made after the panel closed");
            assertTrue(devices.list().isEmpty());
            assertTrue(Ui.pumpUntil(() -> !Files.exists(Path.of(ns.path())), 10_000), "the namespace is gone: " + ns.path());
        } finally {
            release.countDown();
            devices.close();
        }
    }
}
