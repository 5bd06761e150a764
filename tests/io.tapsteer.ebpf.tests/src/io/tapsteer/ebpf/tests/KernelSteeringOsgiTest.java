package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.ebpf.internal.Pins;
import io.tapsteer.testsupport.Osgi;
import io.tapsteer.testsupport.StandInVmm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The DS component in a real OSGi framework: KernelSteering registered, attaching to a tap of the
 * TapService; and what a restart of the ebpf bundle does to pinned programs (stop deactivates the
 * component, start makes a new one): the program on a tap another process holds stays attached and
 * pinned, keeps steering, and the new component takes it over from its pins; the program on
 * tapsteer's own tap is detached and its pins removed.
 */
class KernelSteeringOsgiTest {
    private static final int QUEUES = 4;

    private static <T> T await(BundleContext ctx, Class<T> type) throws InterruptedException {
        return Osgi.await(ctx, type, null, 10_000);
    }

    @Test
    void theServiceIsRegisteredAndSteers() throws Exception {
        BundleContext ctx = Osgi.context(KernelSteeringOsgiTest.class);
        KernelSteering steering = await(ctx, KernelSteering.class);
        TapService taps = await(ctx, TapService.class);
        assertNotNull(steering, "KernelSteering registered by DS");
        assertTrue(steering.isAvailable(), steering.unavailabilityCause());
        try (var ns = taps.privateNamespace("osgi-ebpf")) {
            TapDevice tap = taps.create(TapOptions.builder().name("osgi%d").queues(4).build(), ns);
            try {
                var s = steering.attach(tap, KernelProgram.rss(RssConfig.defaults(4)), "osgi-test");
                assertEquals("osgi-test", s.owner());
                assertTrue(steering.statuses().stream().anyMatch(x -> x.device().equals(tap.name())));
                steering.detach(tap, "osgi-test");
                assertTrue(steering.status(tap).isEmpty());
            } finally {
                tap.close();
            }
        }
    }

    @Test
    void aBundleRestartKeepsTheForeignProgramAndTheNewComponentTakesItOver() throws Exception {
        Path exe = StandInVmm.build();
        assertTrue(exe != null, "gcc is needed to build the stand-in VMM (apt install gcc)");
        // the system bundle's context stays valid while the ebpf bundle (this fragment's host) is stopped
        BundleContext system = Osgi.context(KernelSteeringOsgiTest.class).getBundle(0).getBundleContext();
        Bundle ebpf = Osgi.bundle(system, "io.tapsteer.ebpf");
        TapService taps = await(system, TapService.class);
        TapInventory inventory = await(system, TapInventory.class);
        KernelSteering before = await(system, KernelSteering.class);
        assertNotNull(inventory, "TapInventory registered by DS");
        Pins pins = Pins.standard();
        try (NetNamespace ns = taps.privateNamespace("osgi-restart");
                StandInVmm vmm = new StandInVmm(exe, ns.path(), "vmtap9", QUEUES)) {
            TapDevice own = taps.create(TapOptions.builder().name("own%d").queues(QUEUES).build(), ns);
            TapDevice foreign = inventory.foreign("vmtap9", Long.toString(Pins.inodeOf(own)));
            try {
                String ownNote = before.attach(own, KernelProgram.fixedQueue(1), "osgi-test").maps();
                String foreignNote = before.attach(foreign, KernelProgram.fixedQueue(2), "osgi-test").maps();
                Path ownPins = pins.dirOf(Pins.inodeOf(own), own.name());
                Path foreignPins = pins.dirOf(Pins.inodeOf(foreign), "vmtap9");
                assertTrue(Files.isDirectory(ownPins) && Files.isDirectory(foreignPins),
                        ownPins + ", " + foreignPins + ": " + ownNote + " / " + foreignNote);

                ebpf.stop();
                assertTrue(Files.notExists(ownPins), "stopping detached the program of tapsteer's own tap and removed its pins");
                assertTrue(Files.isDirectory(foreignPins), "the foreign tap's program stays pinned: " + pins.list());
                long[] stopped = vmm.sendPaced(taps, foreign, 512, 0);
                assertEquals(List.of(0L, 0L, 512L, 0L), StandInVmm.asList(stopped), "it keeps steering with the bundle stopped");

                ebpf.start();
                KernelSteering after = await(system, KernelSteering.class);
                assertNotNull(after, "a new KernelSteering after the restart");
                KernelSteeringStatus s = after.status(foreign).orElseThrow(() -> new AssertionError("the pinned program is not found again"));
                assertEquals(KernelProgram.fixedQueue(2), s.program(), s.toString());
                assertEquals("osgi-test", s.owner(), s.toString());
                assertTrue(s.maps().contains("taken over"), s.maps());
                assertTrue(after.status(own).isEmpty(), "nothing left on the own tap: " + after.status(own));
                assertEquals(List.of(0L, 0L, 512L, 0L), StandInVmm.asList(vmm.sendPaced(taps, foreign, 512, 1)),
                        "still steering after the restart");

                after.detach(foreign, "osgi-test");
                assertTrue(Files.notExists(foreignPins), "detach removed the pins");
            } finally {
                if (ebpf.getState() != Bundle.ACTIVE) {
                    ebpf.start();
                }
                foreign.close();
                own.close();
            }
        }
    }
}
