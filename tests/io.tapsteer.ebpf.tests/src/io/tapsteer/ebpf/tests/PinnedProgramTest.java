package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.ebpf.internal.Pins;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.tap.internal.NativeTapInventory;
import io.tapsteer.testsupport.LabTraffic;
import io.tapsteer.testsupport.StandInVmm;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Programs pinned in bpffs: a program on a tap another process holds outlives the steering that
 * attached it and keeps steering; a later one lists it with its configuration, rewrites its pinned
 * maps live and detaches it (back to automq, pins removed). A program on a persistent tap tapsteer
 * closed is still listed, and taken over when the tap is opened again. Each test pins under a
 * directory of its own, removed afterwards whatever happened.
 */
class PinnedProgramTest {
    private static final int QUEUES = 4;
    private static final int FLOWS = 4096;
    private static final AtomicInteger RUN = new AtomicInteger();
    private Pins pins;

    @BeforeEach
    void ownPins() {
        pins = new Pins(Path.of("/sys/fs/bpf/tapsteer-test-pins-" + ProcessHandle.current().pid() + "-" + RUN.incrementAndGet()));
    }

    @AfterEach
    void removePins() throws Exception {
        for (Path dir : pins.list()) {
            Pins.remove(dir);
        }
        Files.deleteIfExists(pins.root());
    }

    private static String inode(String nsPath) throws Exception {
        String link = Files.readSymbolicLink(Path.of(nsPath)).toString();
        return link.substring(5, link.length() - 1);
    }

    private static List<Long> predicted(RssConfig config, int flows) {
        RssEngine engine = new RssEngine(config);
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        FrameBuilder fb = new FrameBuilder();
        long[] per = new long[QUEUES];
        for (int i = 0; i < flows; i++) {
            int len = Flows.mixed(fb, i).stamp(i, 0).writeTo(b, 0);
            per[KernelParity.queueOf(engine, b, 0, len) % QUEUES]++;
        }
        return StandInVmm.asList(per);
    }

    private static long sent(List<KernelQueueCounters> counters) {
        return counters.stream().mapToLong(KernelQueueCounters::packets).sum();
    }

    @Test
    void aPinnedProgramOutlivesItsSteeringAndALaterOneListsRewritesAndDetachesIt() throws Exception {
        RssConfig first = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, QUEUES), QUEUES - 1, false);
        RssConfig second = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, 2), 1, false);
        Path exe = StandInVmm.build();
        assertTrue(exe != null, "gcc is needed to build the stand-in VMM (apt install gcc)");
        try (EbpfLab lab = new EbpfLab("vmmpin"); StandInVmm vmm = new StandInVmm(exe, lab.ns.path(), "vmtap8", QUEUES)) {
            String ns = inode(lab.ns.path());
            try (EbpfKernelSteering run1 = new EbpfKernelSteering(false, pins)) {
                KernelSteeringStatus s = run1.attach(new NativeTapInventory(lab.service).foreign("vmtap8", ns),
                        KernelProgram.rss(first), "shell");
                assertTrue(s.maps().contains("pinned at " + pins.dirOf(Long.parseLong(ns), "vmtap8")), s.maps());
            }
            assertEquals(List.of(pins.dirOf(Long.parseLong(ns), "vmtap8")), pins.list(), "the pins stay when the run ends");
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtap8", ns);
            assertEquals(predicted(first, FLOWS), StandInVmm.asList(vmm.sendPaced(lab.service, d, FLOWS, 0)),
                    "the program steers with no tapsteer holding it");

            try (EbpfKernelSteering run2 = new EbpfKernelSteering(false, pins)) {
                List<KernelSteeringStatus> listed = run2.statuses();
                assertEquals(1, listed.size(), listed.toString());
                assertEquals("vmtap8", listed.get(0).device());
                assertEquals("shell", listed.get(0).owner());
                assertEquals(KernelProgram.rss(first), listed.get(0).program(), "the configuration read back from the pins");
                assertTrue(listed.get(0).maps().contains("no handle of this runtime holds it"), listed.get(0).maps());

                run2.attach(d, KernelProgram.rss(second), "shell");
                assertEquals(predicted(second, FLOWS), StandInVmm.asList(vmm.sendPaced(lab.service, d, FLOWS, 1)),
                        "the new configuration is live");
                assertEquals(2L * FLOWS, sent(run2.programCounters(d)),
                        "the same pinned program counted both rounds: its maps were rewritten, not replaced");

                run2.detach(d, "shell");
                assertEquals(List.of(), pins.list(), "detach removes the pins");
                assertEquals(List.of(), run2.statuses());
                long[] before = vmm.counts();
                LabTraffic.sendFlows(lab.service, d, 1024, 2);
                long[] automq = vmm.awaitTotal(before, 1024);
                assertTrue(Arrays.stream(automq).allMatch(c -> c > 0), "back to automq " + Arrays.toString(automq));
            }
        }
    }

    @Test
    void aProgramOnAPersistentTapTapsteerClosedIsStillListedAndTakenOverLater() throws Exception {
        try (EbpfLab lab = new EbpfLab("persistpin"); EbpfKernelSteering k = new EbpfKernelSteering(false, pins)) {
            TapOptions options = TapOptions.builder().name("pin%d").queues(QUEUES).persist(true).build();
            TapDevice tap = lab.service.create(options, lab.ns);
            String name = tap.name();
            try {
                k.attach(tap, KernelProgram.fixedQueue(2), "shell");
                tap.close();
                List<KernelSteeringStatus> listed = k.statuses();
                assertEquals(1, listed.size(), "the closed persistent tap keeps its program: " + listed);
                assertEquals(name, listed.get(0).device());
                assertEquals(KernelProgram.fixedQueue(2), listed.get(0).program());

                tap = lab.service.create(TapOptions.builder().name(name).queues(QUEUES).persist(true).build(), lab.ns);
                assertEquals(KernelProgram.fixedQueue(2), k.status(tap).orElseThrow().program(), "taken over from the pins");
                EbpfLab.Arrivals a = lab.sendAndCollect(tap, LabFrames.mixed(256));
                assertEquals(256, a.perQueue().get(2).size(), "still steering to queue 2");
                k.detach(tap, "shell");
                assertEquals(List.of(), pins.list());
                assertTrue(k.status(tap).isEmpty());
            } finally {
                tap.setPersist(false);
                tap.close();
            }
        }
    }

    @Test
    void pinsOfARunThatEndedWithoutDetachingGoOnceTheirDeviceIsGone() throws Exception {
        // runs killed mid-way: never asked again (an attach would prune what it sees gone)
        EbpfKernelSteering killed = new EbpfKernelSteering(false, pins);
        EbpfKernelSteering killedToo = new EbpfKernelSteering(false, pins);
        try (EbpfLab live = new EbpfLab("pinlive")) {
            Path nsGone;
            long deadInode;
            String deadName;
            try (EbpfLab dead = new EbpfLab("pindead")) {
                TapDevice t = dead.service.create(TapOptions.builder().name("dead%d").queues(QUEUES).build(), dead.ns);
                killedToo.attach(t, KernelProgram.fixedQueue(1), "shell");
                deadInode = Pins.inodeOf(t);
                deadName = t.name();
                nsGone = pins.dirOf(deadInode, deadName);
            }
            TapDevice gone = live.service.create(TapOptions.builder().name("gone%d").queues(QUEUES).build(), live.ns);
            killed.attach(gone, KernelProgram.fixedQueue(2), "shell");
            long liveInode = Pins.inodeOf(gone);
            String goneName = gone.name();
            Path deviceGone = pins.dirOf(liveInode, goneName);
            TapDevice stays = live.service.create(TapOptions.builder().name("stay%d").queues(QUEUES).persist(true).build(), live.ns);
            String staysName = stays.name();
            try {
                killed.attach(stays, KernelProgram.fixedQueue(3), "shell");
                Path kept = pins.dirOf(liveInode, staysName);
                gone.close();
                stays.close();
                assertEquals(List.of(nsGone, deviceGone, kept).stream().sorted().toList(), pins.list(),
                        "a run that ends without detaching leaves its pins");

                try (EbpfKernelSteering later = new EbpfKernelSteering(false, pins)) {
                    assertEquals(List.of(
                            "removed the stale pins of " + deadName + " at " + nsGone + ": its network namespace (inode "
                                    + deadInode + ") is gone",
                            "removed the stale pins of " + goneName + " at " + deviceGone + ": its network namespace (inode "
                                    + liveInode + ") has no device " + goneName + " any more").stream().sorted().toList(),
                            later.removeStalePins().stream().sorted().toList());
                    assertEquals(List.of(kept), pins.list(), "the pins of a device that is still there stay");
                    List<KernelSteeringStatus> listed = later.statuses();
                    assertEquals(1, listed.size(), listed.toString());
                    assertEquals(KernelProgram.fixedQueue(3), listed.get(0).program());

                    stays = live.service.create(TapOptions.builder().name(staysName).queues(QUEUES).persist(true).build(), live.ns);
                    later.detach(stays, "shell");
                    assertTrue(Files.notExists(pins.root()), "no empty pin directory stays behind: " + pins.root());
                }
            } finally {
                if (stays.isClosed()) {
                    stays = live.service.create(TapOptions.builder().name(staysName).queues(QUEUES).persist(true).build(), live.ns);
                }
                stays.setPersist(false);
                stays.close();
            }
        } finally {
            killed.close();
            killedToo.close();
        }
    }

    @Test
    void aDeviceNameWithADotIsPinnedAndFoundAgain() throws Exception {
        try (EbpfLab lab = new EbpfLab("dotpin"); EbpfKernelSteering k = new EbpfKernelSteering(false, pins)) {
            TapDevice tap = lab.service.create(TapOptions.builder().name("pin.%d").queues(QUEUES).persist(true).build(), lab.ns);
            String name = tap.name();
            try {
                KernelSteeringStatus s = k.attach(tap, KernelProgram.fixedQueue(1), "shell");
                assertTrue(s.maps().contains("pinned at " + pins.dirOf(Pins.inodeOf(tap), name)), s.maps());
                tap.close();
                try (EbpfKernelSteering later = new EbpfKernelSteering(false, pins)) {
                    List<KernelSteeringStatus> listed = later.statuses();
                    assertEquals(List.of(name), listed.stream().map(KernelSteeringStatus::device).toList(), listed.toString());
                    tap = lab.service.create(TapOptions.builder().name(name).queues(QUEUES).persist(true).build(), lab.ns);
                    later.detach(tap, "shell");
                    assertEquals(List.of(), pins.list());
                }
            } finally {
                if (tap.isClosed()) {
                    tap = lab.service.create(TapOptions.builder().name(name).queues(QUEUES).persist(true).build(), lab.ns);
                }
                tap.setPersist(false);
                tap.close();
            }
        }
    }
}
