package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.config.ConfigDefaults;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.queue.QueueManagerConfig;
import io.tapsteer.queue.internal.QueueManagerComponent;
import io.tapsteer.queue.internal.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The factory configuration, its metatype, the service it registers, and a clean shutdown. */
class ConfigurationTest {

    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).sorted().collect(Collectors.toList());
    }

    @Test
    void metatypeDescribesTheFactoryConfiguration() throws Exception {
        Bundle queue = FrameworkUtil.getBundle(QueueManagerComponent.class);
        MetaTypeService mts = OsgiLab.await(FrameworkUtil.getBundle(ConfigurationTest.class).getBundleContext(), MetaTypeService.class, null);
        assertNotNull(mts, "MetaType service");
        MetaTypeInformation info = mts.getMetaTypeInformation(queue);
        assertTrue(Arrays.asList(info.getFactoryPids()).contains(QueueManager.FACTORY_PID));
        ObjectClassDefinition ocd = info.getObjectClassDefinition(QueueManager.FACTORY_PID, null);
        Map<String, AttributeDefinition> ads = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .collect(Collectors.toMap(AttributeDefinition::getID, a -> a));
        assertEquals(List.of("device", "namespace", "queues", "vnetHeader", "offloads", "budget", "lanes", "strategy", "poolFrames", "frameBytes", "kernelSteering", "batchIo")
                .stream().sorted().toList(), ads.keySet().stream().sorted().toList());
        assertEquals(QueueManagerConfig.KEYS, Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .map(AttributeDefinition::getID).toList(), "the API's keys are the metatype's, in its order");
        for (AttributeDefinition ad : ads.values()) { // the metatype is generated from the annotation: same defaults
            Object annotationDefault = QueueManagerComponent.Config.class.getMethod(ad.getID()).getDefaultValue();
            assertEquals(String.valueOf(annotationDefault), ad.getDefaultValue()[0], "default of " + ad.getID());
        }
        assertEquals("64", ads.get("budget").getDefaultValue()[0]);
        assertEquals("automq", ads.get("strategy").getDefaultValue()[0]);
        assertEquals("auto", ads.get("kernelSteering").getDefaultValue()[0]);
        assertEquals("true", ads.get("batchIo").getDefaultValue()[0]);
        assertEquals(List.of("auto", "automq"), List.of(ads.get("kernelSteering").getOptionValues()));
        assertEquals(AttributeDefinition.BOOLEAN, ads.get("batchIo").getType());
        assertEquals(AttributeDefinition.INTEGER, ads.get("queues").getType());
        assertEquals("", ads.get("queues").validate("256"), "queues 256 is allowed");
        assertTrue(ads.get("kernelSteering").validate("ebpf").length() > 0, "kernelSteering ebpf is not an option");
        String refusal = ads.get("queues").validate("0");
        assertTrue(refusal != null && !refusal.isEmpty(), "queues 0 is refused by the metatype");
        // the metatype's limits are the ones the configuration check refuses beyond
        for (String[] edge : new String[][] {{"poolFrames", "64", "1048576"}, {"frameBytes", "128", "65600"},
                {"budget", "1", "1024"}, {"lanes", "0", "256"}, {"queues", "1", "256"}}) {
            AttributeDefinition ad = ads.get(edge[0]);
            assertEquals("", ad.validate(edge[1]), edge[0] + " " + edge[1] + " is allowed");
            assertEquals("", ad.validate(edge[2]), edge[0] + " " + edge[2] + " is allowed");
            assertFalse(ad.validate(String.valueOf(Long.parseLong(edge[1]) - 1)).isEmpty(), edge[0] + " below its least");
            assertFalse(ad.validate(String.valueOf(Long.parseLong(edge[2]) + 1)).isEmpty(), edge[0] + " above its most");
        }
    }

    @Test
    void settingsDefaultsAreTheConfigurationsDefaults() {
        assertEquals(new Settings(64, 0, 1024, 2048, 0, "automq", 20_000, 2_000, true), Settings.defaults());
        assertEquals(4, ConfigDefaults.of(QueueManagerComponent.Config.class).queues());
        assertEquals("auto", ConfigDefaults.of(QueueManagerComponent.Config.class).kernelSteering());
    }

    @Test
    void configurationRunsOneDeviceAndDeletingItJoinsThreadsAndClosesTheTap() throws Exception {
        QueueManager qm;
        try (OsgiLab lab = new OsgiLab(Map.of("device", "qconf", "namespace", "private", "queues", 3, "budget", 32,
                "strategy", "round-robin"))) {
            qm = lab.manager;
            assertEquals("qconf", qm.device().name());
            assertEquals(3, qm.device().attachedQueues());
            assertEquals("round-robin", qm.activeStrategy());
            assertTrue(qm.steering().startsWith("round-robin via user space"), qm.steering());
            assertEquals(List.of("tapsteer-qconf-q0", "tapsteer-qconf-q1", "tapsteer-qconf-q2"), threads("tapsteer-qconf-q"));
            assertTrue(qm.strategies().containsAll(List.of("automq", "flow-hash", "round-robin", "single-queue")), qm.strategies().toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qm.useStrategy("nope"));
            assertTrue(e.getMessage().startsWith("unknown strategy 'nope': available are automq, "), e.getMessage());
            qm.useStrategy("automq");
            assertEquals("automq via kernel automq", qm.steering());
            lab.close();
            QueueLab.waitFor(() -> {
                try {
                    return !lab.registered("qconf");
                } catch (Exception x) {
                    return false;
                }
            }, 10_000);
            assertFalse(lab.registered("qconf"), "deleting the configuration unregisters the queue manager");
            QueueLab.waitFor(() -> qm.device().isClosed() && threads("tapsteer-qconf").isEmpty(), 10_000);
        }
        assertTrue(qm.device().isClosed(), "the tap is closed");
        assertEquals(List.of(), threads("tapsteer-qconf"), "every poller and lane thread has ended");
    }
}
