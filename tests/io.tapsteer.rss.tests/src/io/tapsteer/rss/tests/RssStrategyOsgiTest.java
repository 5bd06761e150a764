package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.RssSettings;
import io.tapsteer.rss.internal.RssStrategy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The "rss" strategy in a running framework (Equinox, Felix SCR, ConfigAdmin, MetaType): found by
 * its service property, configured through ConfigAdmin and changed at run time.
 */
class RssStrategyOsgiTest {
    private final BundleContext context = FrameworkUtil.getBundle(RssStrategy.class).getBundleContext();
    private Configuration configuration;

    @BeforeEach
    void clean() throws Exception {
        configuration = service(ConfigurationAdmin.class).getConfiguration(RssStrategy.PID, "?");
        if (configuration.getProperties() != null) {
            configuration.delete();
            configuration = service(ConfigurationAdmin.class).getConfiguration(RssStrategy.PID, "?");
        }
        waitFor(() -> strategy().settings().table().toString().equals("default") && strategy().lastError().isEmpty());
    }

    @AfterEach
    void removeConfiguration() throws Exception {
        configuration.delete();
    }

    @Test
    void registeredUnderItsNameWithTheDefaultConfiguration() throws Exception {
        var refs = context.getServiceReferences(SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=rss)");
        assertEquals(1, refs.size());
        SteeringStrategy s = context.getService(refs.iterator().next());
        assertEquals("rss", s.name());
        KernelProgram p = s.kernelProgram(4);
        assertEquals(KernelProgram.Kind.RSS, p.kind());
        assertEquals(RssConfig.defaults(4), p.rss());
    }

    @Test
    void configAdminChangeTakesEffectAtRunTime() throws Exception {
        byte[] a = {(byte) 192, 0, 2, 5};
        byte[] b = {(byte) 198, 51, 100, 6};
        byte[] f = new FrameBuilder().ipv4(a, b).tcp(33000, 22).build();
        Frame frame = new Frame(null).set(ByteBuffer.wrap(f), 0, f.length, 0, -1);

        update("table", "size 16 start 1 equal 3", "hashTypes", "ipv4", "unclassifiedQueue", 0);
        waitFor(() -> strategy().settings().table().toString().equals("size 16 start 1 equal 3"));

        RssConfig c = strategy().kernelProgram(4).rss();
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1}, c.table());
        assertEquals(HashType.IPv4.bit(), c.hashTypes());
        assertTrue(c.userTable());
        int expected = new RssEngine(c).queueOf(ByteBuffer.wrap(f), 0, f.length);
        assertEquals(expected, strategy().select(frame, 4));
        assertEquals(HashReport.IPv4, frame.hashReport(), "only ipv4 is enabled now");
        Explanation e = strategy().explain(frame, 4);
        assertEquals("ipv4", e.hashType());
        assertEquals(expected, e.queue());
        assertEquals(2, e.fields().size());
    }

    @Test
    void badConfigurationIsRefusedAndThePreviousOneStays() throws Exception {
        update("table", "equal 2", "hashTypes", "all", "unclassifiedQueue", 1);
        waitFor(() -> strategy().settings().table().toString().equals("equal 2"));
        update("table", "size 100 equal 2", "hashTypes", "all", "unclassifiedQueue", 1);
        waitFor(() -> !strategy().lastError().isEmpty());
        assertEquals("configuration io.tapsteer.rss: table 'size 100 equal 2': indirection table size 100 is not allowed: use a power of two from 1 to 4096",
                strategy().lastError());
        assertEquals("equal 2", strategy().settings().table().toString());
        assertEquals(1, strategy().kernelProgram(2).rss().unclassifiedQueue());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedInWordsAndTheStrategyStays() throws Exception {
        update("table", "equal 2", "hashTypes", "all", "unclassifiedQueue", 1);
        waitFor(() -> strategy().settings().table().toString().equals("equal 2"));
        update("table", "equal 3", "hashTypes", "all", "unclassifiedQueue", "abc");
        waitFor(() -> !strategy().lastError().isEmpty());
        assertEquals("configuration io.tapsteer.rss: unclassifiedQueue 'abc' is not a queue number: allowed 0 to 255", strategy().lastError());
        assertEquals("equal 2", strategy().settings().table().toString(), "the previous configuration stays");
        assertEquals(1, context.getServiceReferences(SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=rss)").size(),
                "the rss strategy stays registered");
        update("table", "equal 2", "hashTypes", "all", "unclassifiedQueue", 1, "tabel", "equal 4");
        waitFor(() -> strategy().lastError().contains("tabel"));
        assertEquals("configuration io.tapsteer.rss: property 'tabel' is unknown: allowed hashTypes, key, table, unclassifiedQueue",
                strategy().lastError());
    }

    @Test
    void userTableThatDoesNotFitTheLanesIsNotUsed() throws Exception {
        update("table", "equal 4", "hashTypes", "all", "unclassifiedQueue", 0);
        waitFor(() -> strategy().settings().table().toString().equals("equal 4"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> strategy().kernelProgram(2));
        assertTrue(e.getMessage().contains("but the device has 2 queue(s)"), e.getMessage());
        byte[] f = new FrameBuilder().ipv4(new byte[] {(byte) 192, 0, 2, 1}, new byte[] {(byte) 192, 0, 2, 2}).udp(1, 2).build();
        Frame frame = new Frame(null).set(ByteBuffer.wrap(f), 0, f.length, 0, -1);
        assertEquals(2, strategy().select(frame, 2), "an out-of-range lane: the queue manager counts a fallback");
        assertTrue(strategy().explain(frame, 2).note().startsWith("not steered: the indirection table 'equal 4'"));
    }

    @Test
    void metatypeDescribesTheConfiguration() {
        ObjectClassDefinition ocd = service(MetaTypeService.class).getMetaTypeInformation(context.getBundle())
                .getObjectClassDefinition(RssStrategy.PID, null);
        assertNotNull(ocd);
        Set<String> ids = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .map(AttributeDefinition::getID).collect(Collectors.toSet());
        assertEquals(Set.of("key", "hashTypes", "table", "unclassifiedQueue"), ids);
        assertEquals(RssStrategyConfig.KEYS, Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .map(AttributeDefinition::getID).toList(), "the API's keys are the metatype's, in its order");
        assertEquals(RssSettings.defaults(), RssSettings.parse(RssStrategyConfig.DEFAULT_KEY, RssStrategyConfig.DEFAULT_HASH_TYPES,
                RssStrategyConfig.DEFAULT_TABLE, RssStrategyConfig.DEFAULT_UNCLASSIFIED_QUEUE));
        assertArrayEquals(RssConfig.DEFAULT_KEY, RssSettings.defaults().key(), "the default key text is the default key");
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            Object annotationDefault;
            try {
                annotationDefault = RssStrategy.Config.class.getMethod(ad.getID()).getDefaultValue();
            } catch (NoSuchMethodException e) {
                throw new AssertionError("metatype attribute " + ad.getID() + " is not in RssStrategy.Config");
            }
            assertEquals(String.valueOf(annotationDefault), ad.getDefaultValue()[0], "default of " + ad.getID());
        }
        AttributeDefinition key = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .filter(ad -> ad.getID().equals("key")).findFirst().orElseThrow();
        // the forms RssSettings.parse takes, as docs/rss.md lists them
        assertTrue(key.getDescription().startsWith("Hex bytes: colon-separated as ethtool hkey prints them, plain, or separated by spaces"),
                key.getDescription());
        assertEquals(AttributeDefinition.INTEGER, Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .filter(ad -> ad.getID().equals("unclassifiedQueue")).findFirst().orElseThrow().getType());
    }

    @Test
    void theServiceIsTheComponentInstance() throws Exception {
        ServiceReference<SteeringStrategy> ref = context.getServiceReferences(SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=rss)")
                .iterator().next();
        assertSame(strategy(), context.getService(ref));
    }

    private void update(Object... kv) throws Exception {
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        configuration.update(d);
    }

    private RssStrategy strategy() {
        try {
            var refs = context.getServiceReferences(SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=rss)");
            return refs.isEmpty() ? null : (RssStrategy) context.getService(refs.iterator().next());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T service(Class<T> type) {
        waitFor(() -> context.getServiceReference(type) != null);
        return context.getService(context.getServiceReference(type));
    }

    /** Bounded wait for asynchronous ConfigAdmin delivery (10 s); not a timing assertion. */
    private void waitFor(BooleanSupplier condition) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // service not there yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("condition not met within 10 s");
    }
}
