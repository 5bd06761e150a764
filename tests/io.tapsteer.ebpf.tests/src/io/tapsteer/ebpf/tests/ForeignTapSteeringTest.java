package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.ForeignWatch;
import io.tapsteer.ebpf.internal.HolderNames;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.tap.internal.NativeTapInventory;
import io.tapsteer.tap.internal.TunLinks;
import io.tapsteer.testsupport.LabTraffic;
import io.tapsteer.testsupport.StandInVmm;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Steering a tap another process holds: a stand-in VMM (a C program) creates a 4-queue tap in a
 * private namespace and reads its queues; tapsteer finds it by scanning, attaches RSS through a
 * duplicate of the holder's fd, and the holder's own per-queue counts are what software RSS
 * predicts. numqueues never changes while that happens.
 */
class ForeignTapSteeringTest {
    private static final int QUEUES = 4;
    private static final int FLOWS = 4096;

    private static long inode(String nsPath) throws Exception {
        String link = Files.readSymbolicLink(Path.of(nsPath)).toString();
        return Long.parseLong(link.substring(5, link.length() - 1));
    }

    private static Path standIn() throws Exception {
        Path exe = StandInVmm.build();
        if (exe == null) {
            throw new AssertionError("gcc is needed to build the stand-in VMM (apt install gcc)");
        }
        return exe;
    }

    /** @return per queue, how many of the lab's flows 0..flows-1 RSS sends there */
    private static long[] predicted(RssConfig config, int flows) {
        RssEngine engine = new RssEngine(config);
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        FrameBuilder fb = new FrameBuilder();
        long[] per = new long[QUEUES];
        for (int i = 0; i < flows; i++) {
            int len = Flows.mixed(fb, i).stamp(i, 0).writeTo(b, 0);
            per[KernelParity.queueOf(engine, b, 0, len) % QUEUES]++;
        }
        return per;
    }

    @Test
    void scanFindsTheHolderAndRssSteersItsQueuesAsPredicted() throws Exception {
        Path exe = standIn();
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, QUEUES), QUEUES - 1, false);
        try (EbpfLab lab = new EbpfLab("vmm"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap0", QUEUES);
                EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            long ns = inode(lab.ns.path());
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            HostTap t = inventory.scan().stream().filter(x -> x.netnsInode() == ns && x.name().equals("vmtap0")).findFirst()
                    .orElseThrow(() -> new AssertionError("the stand-in's tap is not in the scan"));
            assertEquals(QUEUES, t.numQueues());
            assertFalse(t.driven());
            assertEquals(Set.of(vmm.pid()), t.holders().stream().map(TapHolder::pid).collect(Collectors.toSet()));
            assertEquals(Arrays.stream(vmm.fds).boxed().collect(Collectors.toSet()),
                    t.holders().stream().map(TapHolder::fd).collect(Collectors.toSet()));
            assertTrue(t.holders().stream().allMatch(h -> h.command().equals("standin-vmm")), t.holders().toString());

            Set<String> counts = ConcurrentHashMap.newKeySet();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = lab.ns.startThread("numqueues-sampler", () -> {
                long end = System.nanoTime() + 30_000_000_000L;
                while (sampling.get() && System.nanoTime() < end) {
                    for (TunLinks.Link l : TunLinks.dump()) {
                        if (l.name().equals("vmtap0")) {
                            counts.add(l.numQueues() + "+" + l.numDisabled());
                        }
                    }
                }
            });
            TapDevice d = inventory.foreign("vmtap0", Long.toString(ns));
            steering.attach(d, KernelProgram.rss(config), "shell");
            long[] got = vmm.sendPaced(lab.service, d, FLOWS, 0);
            long[] before;
            assertEquals(StandInVmm.asList(predicted(config, FLOWS)), StandInVmm.asList(got),
                    "the holder's per-queue counts are software RSS's prediction");

            steering.attach(d, KernelProgram.fixedQueue(2), "shell");
            before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 512, 1);
            assertEquals(List.of(0L, 0L, 512L, 0L), StandInVmm.asList(vmm.awaitTotal(before, 512)));

            steering.detach(d, "shell");
            before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 1024, 2);
            long[] automq = vmm.awaitTotal(before, 1024);
            assertTrue(Arrays.stream(automq).allMatch(c -> c > 0), "detached: automq spreads again " + Arrays.toString(automq));
            sampling.set(false);
            sampler.join(5000);
            assertEquals(Set.of(QUEUES + "+0"), counts, "numqueues+numdisabled seen while attaching and detaching");
        }
    }

    @Test
    void aTapWhoseHolderExitedIsRefusedAsGone() throws Exception {
        Path exe = standIn();
        try (EbpfLab lab = new EbpfLab("vmmgone"); EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            String ns = Long.toString(inode(lab.ns.path()));
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            TapDevice d;
            try (StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap1", QUEUES)) {
                d = inventory.foreign("vmtap1", ns);
                steering.attach(d, KernelProgram.fixedQueue(1), "shell");
            }
            TapException e = assertThrows(TapException.class, () -> steering.attach(d, KernelProgram.fixedQueue(0), "shell"));
            assertEquals("tap \"vmtap1\" (netns " + d.namespace().label() + ") is gone: its holder closed it or it was deleted",
                    e.getMessage());
            assertEquals(List.of(), steering.statuses(), "the gone device's program is forgotten");
            IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> inventory.foreign("vmtap1", ns));
            assertEquals("no tun/tap named 'vmtap1' in netns " + ns + ": tap:scan lists every tun/tap in every namespace",
                    again.getMessage());
        }
    }

    @Test
    void theHolderCanTakeTheProgramAwayAndItCanBeAttachedAgain() throws Exception {
        Path exe = standIn();
        try (EbpfLab lab = new EbpfLab("vmmtake"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap2", QUEUES);
                EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtap2", Long.toString(inode(lab.ns.path())));
            steering.attach(d, KernelProgram.fixedQueue(3), "shell");
            vmm.detachProgram();
            long[] before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 1024, 0);
            long[] after = vmm.awaitTotal(before, 1024);
            assertTrue(after[3] < 1024, "the holder's TUNSETSTEERINGEBPF -1 removed the program: " + Arrays.toString(after));
            steering.detach(d, "shell");
            steering.attach(d, KernelProgram.fixedQueue(3), "shell");
            before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 256, 1);
            assertEquals(List.of(0L, 0L, 0L, 256L), StandInVmm.asList(vmm.awaitTotal(before, 256)), "attached again");
        }
    }

    @Test
    void aProgramTheHolderTakesAwayIsAttachedAgainWithinTwoSeconds() throws Exception {
        Path exe = standIn();
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, QUEUES), QUEUES - 1, false);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (EbpfLab lab = new EbpfLab("vmmback"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap3", QUEUES);
                EbpfKernelSteering steering = new EbpfKernelSteering(false);
                ForeignWatch watch = new ForeignWatch(steering, 200, log::add, HolderNames.from(() -> new NativeTapInventory(lab.service)))) {
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtap3", Long.toString(inode(lab.ns.path())));
            steering.attach(d, KernelProgram.rss(config), "shell");
            LabTraffic.sendFlows(lab.service, d, 64, 0);
            Thread.sleep(500); // the watch has seen the program run
            assertEquals(0, watch.reattachments(), "nothing to do while the program runs: " + log);
            vmm.detachProgram();
            long start = System.nanoTime();
            for (int seq = 1; watch.reattachments() == 0 && System.nanoTime() - start < 3_000_000_000L; seq++) {
                LabTraffic.sendFlows(lab.service, d, 64, seq);
                Thread.sleep(50);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, watch.reattachments(), "re-attached once: " + log);
            assertTrue(millis < 2000, "re-attached after " + millis + " ms");
            assertEquals(List.of("standin-vmm pid " + vmm.pid() + " replaced the steering program of vmtap3 (netns "
                    + d.namespace().label() + "): re-attached"), log);
            assertEquals(StandInVmm.asList(predicted(config, FLOWS)), StandInVmm.asList(vmm.sendPaced(lab.service, d, FLOWS, 1000)),
                    "after re-attaching, frames follow the prediction again");
        }
    }

    @Test
    void aQueueCountChangeAttachesTheProgramAgainWithoutAnyTraffic() throws Exception {
        Path exe = standIn();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (EbpfLab lab = new EbpfLab("vmmlink"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtapa", QUEUES);
                EbpfKernelSteering steering = new EbpfKernelSteering(false);
                ForeignWatch watch = new ForeignWatch(steering, 60_000, log::add, HolderNames.from(() -> new NativeTapInventory(lab.service)))) { // no counter round in this test
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtapa", Long.toString(inode(lab.ns.path())));
            steering.attach(d, KernelProgram.fixedQueue(0), "shell");
            long joined = System.nanoTime();
            while (!watch.watchesLinks(d) && System.nanoTime() - joined < 5_000_000_000L) {
                Thread.sleep(20);
            }
            assertTrue(watch.watchesLinks(d), "the watch joined the namespace's link events");
            vmm.dropAQueue(); // numqueues 4 -> 3, then TUNSETSTEERINGEBPF -1, as QEMU does
            long start = System.nanoTime();
            while (watch.reattachments() == 0 && System.nanoTime() - start < 3_000_000_000L) {
                Thread.sleep(20);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, watch.reattachments(), "re-attached on the link event: " + log);
            assertTrue(millis < 2000, "re-attached after " + millis + " ms");
            assertEquals(List.of("standin-vmm pid " + vmm.pid() + " changed the queues of vmtapa (netns " + d.namespace().label()
                    + ") from 4+0 to 3+1: steering program attached again"), log);
            long[] before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 512, 0);
            assertEquals(List.of(512L, 0L, 0L, 0L), StandInVmm.asList(vmm.awaitTotal(before, 512)), "steered by the program again");
        }
    }

    @Test
    void aHolderThatDiesIsReportedOnceWithinTwoSeconds() throws Exception {
        Path exe = standIn();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (EbpfLab lab = new EbpfLab("vmmdies"); EbpfKernelSteering steering = new EbpfKernelSteering(false);
                ForeignWatch watch = new ForeignWatch(steering, 200, log::add, HolderNames.from(() -> new NativeTapInventory(lab.service)))) {
            TapDevice d;
            try (StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap4", QUEUES)) {
                d = new NativeTapInventory(lab.service).foreign("vmtap4", Long.toString(inode(lab.ns.path())));
                steering.attach(d, KernelProgram.fixedQueue(0), "shell");
                Thread.sleep(300);
            }
            long start = System.nanoTime();
            while (log.isEmpty() && System.nanoTime() - start < 3_000_000_000L) {
                Thread.sleep(50);
            }
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "reported within 2 s: " + log);
            Thread.sleep(500);
            assertEquals(List.of("vmtap4 (netns " + d.namespace().label() + ") is gone (its holder exited or it was deleted):"
                    + " its steering program is forgotten"), log);
            assertEquals(List.of(), steering.statuses());
        }
    }

    @Test
    void theProgramOutlivesTapsteerAndALaterRunDetachesIt() throws Exception {
        Path exe = standIn();
        try (EbpfLab lab = new EbpfLab("vmmlive"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap5", QUEUES)) {
            String ns = Long.toString(inode(lab.ns.path()));
            try (EbpfKernelSteering first = new EbpfKernelSteering(false)) {
                first.attach(new NativeTapInventory(lab.service).foreign("vmtap5", ns), KernelProgram.fixedQueue(1), "shell");
            }
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtap5", ns);
            long[] before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 256, 0);
            assertEquals(List.of(0L, 256L, 0L, 0L), StandInVmm.asList(vmm.awaitTotal(before, 256)),
                    "the program steers after the run that attached it stopped");
            try (EbpfKernelSteering later = new EbpfKernelSteering(false)) {
                later.detach(d, "shell");
            }
            before = vmm.counts();
            LabTraffic.sendFlows(lab.service, d, 1024, 1);
            long[] automq = vmm.awaitTotal(before, 1024);
            assertTrue(Arrays.stream(automq).allMatch(c -> c > 0), "a later run's detach restores automq " + Arrays.toString(automq));
        }
    }
}
