package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.tap.internal.NativeTapInventory;
import io.tapsteer.testsupport.LabTraffic;
import io.tapsteer.testsupport.Osgi;
import io.tapsteer.testsupport.StandInVmm;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Kernel-side per-queue counters of a tap another process holds, both ways: the tap's mq qdisc
 * children and the steering program's own per-CPU counters. With a stand-in VMM reading the queues,
 * the holder's per-queue counts, software RSS's prediction and both kernel sources agree frame for
 * frame; the stats service carries the tap as a kernel-view device and drops it when its holder dies.
 */
class ForeignKernelCountersTest {
    private static final int QUEUES = 4;
    private static final int FLOWS = 4096;
    private static final RssConfig CONFIG = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL,
            RssConfig.equalTable(128, QUEUES), QUEUES - 1, false);

    private static String inode(String nsPath) throws Exception {
        String link = Files.readSymbolicLink(Path.of(nsPath)).toString();
        return link.substring(5, link.length() - 1);
    }

    private static Path standIn() throws Exception {
        Path exe = StandInVmm.build();
        if (exe == null) {
            throw new AssertionError("gcc is needed to build the stand-in VMM (apt install gcc)");
        }
        return exe;
    }

    private static List<Long> predicted(int flows) {
        RssEngine engine = new RssEngine(CONFIG);
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        FrameBuilder fb = new FrameBuilder();
        long[] per = new long[QUEUES];
        for (int i = 0; i < flows; i++) {
            int len = Flows.mixed(fb, i).stamp(i, 0).writeTo(b, 0);
            per[KernelParity.queueOf(engine, b, 0, len) % QUEUES]++;
        }
        return StandInVmm.asList(per);
    }

    private static long[] packets(List<KernelQueueCounters> counters) {
        long[] p = new long[QUEUES];
        for (KernelQueueCounters c : counters) {
            p[c.queue()] = c.packets();
        }
        return p;
    }

    private static List<Long> minus(long[] after, long[] before) {
        long[] d = new long[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return StandInVmm.asList(d);
    }

    @Test
    void holderPredictionQdiscAndProgramCountersAgree() throws Exception {
        try (EbpfLab lab = new EbpfLab("vmmcnt"); StandInVmm vmm = new StandInVmm(standIn(), lab.ns.path(), "vmtap6", QUEUES);
                EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice d = new NativeTapInventory(lab.service).foreign("vmtap6", inode(lab.ns.path()));
            steering.attach(d, KernelProgram.rss(CONFIG), "shell");
            assertEquals(QUEUES, d.qdiscCounters().size(), "one mq child per queue: " + d.qdiscCounters());
            long[] qdiscBefore = packets(d.qdiscCounters());
            long[] programBefore = packets(steering.programCounters(d));
            List<Long> holder = StandInVmm.asList(vmm.sendPaced(lab.service, d, FLOWS, 0));
            assertEquals(predicted(FLOWS), holder, "the holder's per-queue counts are software RSS's prediction");
            assertEquals(holder, minus(packets(steering.programCounters(d)), programBefore), "the program's own counters");
            assertEquals(holder, minus(packets(d.qdiscCounters()), qdiscBefore), "the mq qdisc's children");
            long bytes = steering.programCounters(d).stream().mapToLong(KernelQueueCounters::bytes).sum();
            assertTrue(bytes >= 60L * FLOWS, "the program counts bytes too: " + bytes);
        }
    }

    @Test
    void statsCarryTheForeignTapAsAKernelViewAndDropItWhenItsHolderDies() throws Exception {
        var ctx = Osgi.context(ForeignKernelCountersTest.class);
        TapInventory inventory = Osgi.await(ctx, TapInventory.class, null, 10_000);
        KernelSteering steering = Osgi.await(ctx, KernelSteering.class, null, 10_000);
        StatsService stats = Osgi.await(ctx, StatsService.class, null, 10_000);
        assertNotNull(stats, "StatsService registered");
        try (EbpfLab lab = new EbpfLab("vmmstat")) {
            StandInVmm vmm = new StandInVmm(standIn(), lab.ns.path(), "vmtap7", QUEUES);
            TapDevice d;
            try {
                d = inventory.foreign("vmtap7", inode(lab.ns.path()));
                steering.attach(d, KernelProgram.rss(CONFIG), "shell");
                awaitTracked(stats, "vmtap7", true);
                DeviceStats before = stats.snapshot("vmtap7");
                assertTrue(before.strategy().startsWith("kernel view (rss"), before.strategy());
                List<Long> holder = StandInVmm.asList(vmm.sendPaced(lab.service, d, FLOWS, 100_000));
                assertEquals(predicted(FLOWS), holder);
                DeviceStats after = stats.snapshot("vmtap7");
                assertEquals(holder, minus(rx(after.queues()), rx(before.queues())), "stats queues: the qdisc children");
                assertEquals(holder, minus(rx(after.lanes()), rx(before.lanes())), "stats lanes: the program's counters");
                assertEquals(FLOWS, after.kernel().kernelDelivered() - before.kernel().kernelDelivered(),
                        "tx_packets: what the holder read");
                String report = StatsFormat.report(after);
                assertTrue(report.contains("Kernel view: tapsteer reads none of vmtap7's frames"), report);
                assertFalse(after.balance().text().isEmpty());
                assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(
                        new ObjectName("io.tapsteer:type=Device,device=vmtap7")), "the device MBean");
            } finally {
                vmm.close();
            }
            long start = System.nanoTime();
            awaitTracked(stats, "vmtap7", false);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2000, "gone from the statistics after " + millis + " ms");
            assertTrue(steering.statuses().stream().noneMatch(s -> s.device().equals("vmtap7")), steering.statuses().toString());
        }
    }

    private static long[] rx(List<QueueStats> rows) {
        long[] p = new long[QUEUES];
        for (QueueStats q : rows) {
            p[q.index()] = q.counters().rxPackets();
        }
        return p;
    }

    private static void awaitTracked(StatsService stats, String device, boolean tracked) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (stats.devices().contains(device) != tracked && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(tracked, stats.devices().contains(device), "tracked: " + stats.devices());
    }
}
