package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.stats.StatsJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Two queue managers run a tap of the same name, each in its own private namespace: the stats
 * component tracks them apart (names, snapshots, flows, JSON, MBeans), and removing one leaves the
 * other counting.
 */
class SameNameNamespacesTest {
    private static final String NAME = "sn0";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private final TapService taps = StatsRig.await(TapService.class, null);
    private final StatsService stats = StatsRig.await(StatsService.class, null);

    @Test
    void sameNamedDevicesInTwoNamespacesAreTrackedApart() throws Exception {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cmTracker =
                new ServiceTracker<>(StatsRig.CONTEXT, ConfigurationAdmin.class, null);
        cmTracker.open();
        Configuration first = null;
        Configuration second = null;
        try {
            ConfigurationAdmin cm = cmTracker.waitForService(15_000);
            assertTrue(cm != null, "ConfigurationAdmin registered");
            first = queueManager(cm);
            QueueManager a = manager(null);
            StatsRig.awaitTrue(() -> stats.devices().contains(NAME), "stats tracks the first " + NAME);
            second = queueManager(cm);
            QueueManager b = manager(a);
            String bName = NAME + "@" + b.device().namespace().label();
            StatsRig.awaitTrue(() -> stats.devices().contains(bName), "stats tracks the second as " + bName);
            assertNotSame(a.device().namespace(), b.device().namespace());
            assertEquals(NAME, b.device().name());

            // traffic on the first only: frames in (lab source), frames out (transmit)
            long sent = source(a).flows(256).frames(3000).build().runHere().sent();
            settle(NAME, sent);
            long txBytes = transmit(a, 40);
            DeviceStats sa = stats.snapshot(NAME);
            DeviceStats sb = stats.snapshot(bName);
            assertEquals(3000, sent);
            assertEquals(sent, delivered(sa) + sa.drops() + sa.kernel().kernelDropped(), "sent = delivered + counted drops");
            assertEquals(delivered(sa), sa.flowPackets(), "the first's flow summary saw its delivered frames");
            assertEquals(40, sa.txPackets());
            assertEquals(txBytes, sa.txBytes());
            assertEquals(0, sb.rxPackets() + delivered(sb) + sb.drops() + sb.flowPackets() + sb.txPackets() + sb.txBytes(),
                    "nothing counted on the idle second: " + StatsJson.device(sb));
            assertTrue(sb.topFlows().isEmpty(), "no flows on the idle second: " + sb.topFlows());

            // JSON: the same keys, each device under its own name; tx bytes from the counters
            JsonObject ja = JsonParser.parseString(StatsJson.device(sa)).getAsJsonObject();
            JsonObject jb = JsonParser.parseString(StatsJson.device(sb)).getAsJsonObject();
            assertEquals(List.copyOf(ja.keySet()), List.copyOf(jb.keySet()));
            assertEquals(NAME, ja.get("device").getAsString());
            assertEquals(40, ja.getAsJsonObject("tx").get("packets").getAsLong(), ja.toString());
            assertEquals(txBytes, ja.getAsJsonObject("tx").get("bytes").getAsLong(), ja.toString());
            assertEquals(bName, jb.get("device").getAsString());

            // JMX: the second gets a namespace key; a pattern on the device name finds both
            ObjectName devA = new ObjectName("io.tapsteer:type=Device,device=" + NAME);
            ObjectName devB = new ObjectName("io.tapsteer:type=Device,device=" + NAME + ",namespace="
                    + b.device().namespace().label());
            StatsRig.awaitTrue(() -> JMX.isRegistered(devA) && JMX.isRegistered(devB), "both device MBeans");
            assertEquals(sa.rxPackets(), JMX.getAttribute(devA, "RxPackets"));
            assertEquals(txBytes, JMX.getAttribute(devA, "TxBytes"));
            assertEquals(0L, JMX.getAttribute(devB, "RxPackets"));
            assertEquals(bName, JMX.getAttribute(devB, "Device"));
            ObjectName ofName = new ObjectName("io.tapsteer:device=" + NAME + ",*");
            StatsRig.awaitTrue(() -> JMX.queryNames(ofName, null).size() == 10,
                    "device, 2 queues and 2 lanes of each: " + JMX.queryNames(ofName, null));

            // removing the first leaves the second, under its name, counting its own traffic
            first.delete();
            first = null;
            StatsRig.awaitTrue(() -> stats.devices().equals(withOthers(List.of(bName))), "only " + bName + " left of " + NAME);
            StatsRig.awaitTrue(() -> !JMX.isRegistered(devA), "the first's MBeans leave with it");
            assertTrue(JMX.isRegistered(devB));
            long sentB = source(b).flows(64).frames(1000).build().runHere().sent();
            DeviceStats after = settle(bName, sentB);
            assertEquals(sentB, delivered(after) + after.drops() + after.kernel().kernelDropped());
            assertEquals(delivered(after), after.flowPackets(), "the second's flows are counted after the first left");
            assertEquals(after.rxPackets(), JMX.getAttribute(devB, "RxPackets"));
        } finally {
            delete(first);
            delete(second);
            cmTracker.close();
            StatsRig.awaitTrue(() -> references() == null, "every queue manager of " + NAME + " gone");
        }
        // the stats component forgets a device when it sees its queue manager go, just after the test does
        StatsRig.awaitTrue(() -> stats.devices().stream().noneMatch(d -> d.startsWith(NAME)), "stats forgets both " + NAME);
    }

    /** A factory configuration: a 2-queue tap named {@value #NAME} in a new private namespace. */
    private static Configuration queueManager(ConfigurationAdmin cm) throws IOException {
        Configuration c = cm.createFactoryConfiguration(QueueManager.FACTORY_PID, "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("device", NAME);
        p.put("namespace", "private");
        p.put("queues", 2);
        p.put("strategy", "automq");
        c.update(p);
        return c;
    }

    /** @return a queue manager of {@value #NAME} other than {@code not}, waiting for it (bounded) */
    private static QueueManager manager(QueueManager not) {
        QueueManager[] found = new QueueManager[1];
        StatsRig.awaitTrue(() -> {
            ServiceReference<?>[] refs = references();
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                QueueManager m = (QueueManager) StatsRig.CONTEXT.getService(r);
                StatsRig.CONTEXT.ungetService(r); // DS keeps the component: the object stays valid
                if (m != null && m != not) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        }, "a queue manager of " + NAME);
        return found[0];
    }

    private static ServiceReference<?>[] references() {
        try {
            return StatsRig.CONTEXT.getServiceReferences(QueueManager.class.getName(), "(" + QueueManager.DEVICE + "=" + NAME + ")");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private TrafficSource.Builder source(QueueManager m) {
        return TrafficSource.builder(taps, m.device()).duration(Duration.ofSeconds(10));
    }

    /** Writes {@code frames} frames into the tap through the manager. @return their bytes */
    private static long transmit(QueueManager m, int frames) {
        ByteBuffer buf = ByteBuffer.allocateDirect(256);
        FrameBuilder b = new FrameBuilder();
        long bytes = 0;
        for (int i = 0; i < frames; i++) {
            int len = b.reset().ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i)).udp(Flows.sourcePort(i), 53).stamp(i, 0)
                    .writeTo(buf, 0);
            assertTrue(m.transmit(buf, 0, len), "frame " + i + " written");
            bytes += len;
        }
        return bytes;
    }

    /** Waits until every frame sent to {@code shown} is read or dropped, and handed on. */
    private DeviceStats settle(String shown, long sent) {
        StatsRig.awaitTrue(() -> {
            KernelView k = stats.snapshot(shown).kernel();
            return k.tapsteerRead() + k.kernelDropped() == sent && k.inFlight() == 0 && k.unaccounted() == 0;
        }, "all " + sent + " frames of " + shown + " accounted for: " + stats.snapshot(shown).kernel().explanation());
        return stats.snapshot(shown);
    }

    private static long delivered(DeviceStats s) {
        long d = 0;
        for (QueueStats l : s.lanes()) {
            d += l.counters().rxPackets();
        }
        return d;
    }

    /** @return {@code mine} with the tracked devices of other tests, sorted as devices() sorts */
    private List<String> withOthers(List<String> mine) {
        List<String> all = new java.util.ArrayList<>(mine);
        for (String d : stats.devices()) {
            if (!d.startsWith(NAME)) {
                all.add(d);
            }
        }
        all.sort(null);
        return all;
    }

    private static void delete(Configuration c) {
        if (c == null) {
            return;
        }
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) { // already deleted: nothing left to delete
            return;
        }
    }
}
