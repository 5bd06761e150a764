package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.tap.KernelCounters;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The DS component: tracks queue managers as they come and go, MBeans, history, errors in words. */
class StatsServiceOsgiTest {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @Test
    void mbeansShowEveryCounterWithTheRightValues() throws Exception {
        ObjectName all;
        String device;
        try (StatsRig rig = new StatsRig("sj", 2, "automq")) {
            device = rig.device;
            long sent = rig.source().flows(256).frames(4000).build().runHere().sent();
            DeviceStats s = rig.settle(sent);
            all = new ObjectName("io.tapsteer:device=" + device + ",*");
            Set<ObjectName> names = JMX.queryNames(all, null);
            assertEquals(Set.of(new ObjectName("io.tapsteer:type=Device,device=" + device),
                    new ObjectName("io.tapsteer:type=Queue,device=" + device + ",queue=0"),
                    new ObjectName("io.tapsteer:type=Queue,device=" + device + ",queue=1"),
                    new ObjectName("io.tapsteer:type=Lane,device=" + device + ",lane=0"),
                    new ObjectName("io.tapsteer:type=Lane,device=" + device + ",lane=1")), names);
            ObjectName dev = new ObjectName("io.tapsteer:type=Device,device=" + device);
            assertEquals(s.rxPackets(), JMX.getAttribute(dev, "RxPackets"));
            assertEquals(sent, s.rxPackets() + s.kernel().kernelDropped());
            assertEquals(s.rxBytes(), JMX.getAttribute(dev, "RxBytes"));
            assertEquals("automq", JMX.getAttribute(dev, "Strategy"));
            assertEquals(2, JMX.getAttribute(dev, "Queues"));
            KernelCounters k = rig.manager.device().kernelCounters();
            assertEquals(k.txPackets(), JMX.getAttribute(dev, "KernelTxPackets"));
            assertEquals(k.txDropped(), JMX.getAttribute(dev, "KernelTxDropped"));
            assertEquals(0L, JMX.getAttribute(dev, "Unaccounted"));
            // one getAttributes call reads one snapshot: the verdict and its text belong together
            List<Object> verdict = JMX.getAttributes(dev, new String[] {"BalanceVerdict", "Balance", "HotQueue"}).asList()
                    .stream().map(a -> ((Attribute) a).getValue()).toList();
            String label = (String) verdict.get(0);
            String text = (String) verdict.get(1);
            assertTrue(label.equals("hot") ? text.startsWith("queue " + verdict.get(2) + " is hot") : text.startsWith(label),
                    verdict.toString());
            assertEquals(10, ((String[]) JMX.getAttribute(dev, "TopFlows")).length);
            List<CounterSnapshot> queues = rig.manager.queueCounters();
            for (CounterSnapshot q : queues) {
                ObjectName n = new ObjectName("io.tapsteer:type=Queue,device=" + device + ",queue=" + q.index());
                AttributeList read = JMX.getAttributes(n, new String[] {"RxPackets", "RxBytes", "Batches", "DropsLaneFull"});
                assertEquals(List.of(new Attribute("RxPackets", q.rxPackets()), new Attribute("RxBytes", q.rxBytes()),
                        new Attribute("Batches", q.batches()), new Attribute("DropsLaneFull", q.drops()[1])), read.asList());
                long[] buckets = new long[8];
                for (int b = 0; b < 8; b++) {
                    buckets[b] = (Long) JMX.getAttribute(n, "BatchSize" + MBeanAttributes.bucket(b));
                }
                assertArrayEquals(q.batchSizes(), buckets);
            }
            long lanes = 0;
            for (int l = 0; l < 2; l++) {
                lanes += (Long) JMX.getAttribute(new ObjectName("io.tapsteer:type=Lane,device=" + device + ",lane=" + l), "RxPackets");
            }
            assertEquals(s.rxPackets() - s.drops(), lanes);
            AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                    () -> JMX.setAttribute(dev, new Attribute("RxPackets", 0L)));
            assertEquals("attribute 'RxPackets' of device " + device + " is read-only: statistics are counted, not set", e.getMessage());
        }
        // the registry forgets a service before its UNREGISTERING event reaches the stats component,
        // so the rig can see the manager gone a moment before the stats component does: wait, bounded
        ObjectName gone = all;
        StatsRig.awaitTrue(() -> JMX.queryNames(gone, null).isEmpty(), "MBeans leave with the queue manager");
        StatsService stats = StatsRig.await(StatsService.class, null);
        assertFalse(stats.devices().contains(device));
    }

    @Test
    void aQueueAddedAtRunTimeGetsItsMBeanAndItsRow() throws Exception {
        try (StatsRig rig = new StatsRig("sq", 2, "automq")) {
            ObjectName third = new ObjectName("io.tapsteer:type=Queue,device=" + rig.device + ",queue=2");
            assertFalse(JMX.isRegistered(third));
            int id = rig.manager.addQueue().id();
            assertEquals(2, id);
            assertEquals(3, rig.stats.snapshot(rig.device).queues().size(), "the next snapshot has its row");
            StatsRig.awaitTrue(() -> JMX.isRegistered(third), "MBean of the new queue after the next sample");
            long sent = rig.source().flows(512).frames(3000).build().runHere().sent();
            DeviceStats s = rig.settle(sent);
            assertEquals(s.queues().get(2).counters().rxPackets(), JMX.getAttribute(third, "RxPackets"));
        }
    }

    @Test
    void historyRingFillsAtTheIntervalWithMeasuredRates() {
        try (StatsRig rig = new StatsRig("sh", 2, "automq")) {
            StatsService stats = rig.stats;
            assertEquals(Duration.ofSeconds(1), stats.interval());
            assertEquals(Duration.ofSeconds(5), stats.window());
            assertEquals(Duration.ofSeconds(299), stats.historySpan());
            long sent = rig.source().flows(64).frames(2000).build().runHere().sent();
            rig.settle(sent);
            StatsRig.awaitTrue(() -> stats.history(rig.device).size() >= 3, "three samples in the history");
            List<DeviceStats> h = stats.history(rig.device);
            for (int i = 1; i < h.size(); i++) {
                assertEquals(h.get(i - 1).sequence() + 1, h.get(i).sequence());
                assertTrue(h.get(i).timeNanos() > h.get(i - 1).timeNanos());
                assertTrue(h.get(i).rxRate().measured(), "a rate from the second sample on");
            }
        }
    }

    @Test
    void badRequestsSayWhatIsAllowed() {
        try (StatsRig rig = new StatsRig("se", 1, "automq")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rig.stats.snapshot("nosuch0"));
            assertTrue(e.getMessage().startsWith("no device 'nosuch0' is tracked: tracked devices are "), e.getMessage());
            assertTrue(e.getMessage().contains(rig.device), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> rig.stats.snapshot(rig.device, Duration.ofMillis(10)));
            assertEquals("rate window PT0.01S is out of range: use PT1S (one sample) to PT4M59S (the history)", e.getMessage());
        }
    }
}
