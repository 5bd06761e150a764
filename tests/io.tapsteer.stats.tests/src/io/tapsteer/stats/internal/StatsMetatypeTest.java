package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tapsteer.api.stats.StatsConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;

/** The stats configuration's metatype, generated from StatsComponent.Config, read through a real MetaTypeService. */
class StatsMetatypeTest {

    @Test
    void metatypeHasTheApiKeysAndTheAnnotationsDefaults() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(StatsMetatypeTest.class).getBundleContext();
        ServiceTracker<MetaTypeService, MetaTypeService> t = new ServiceTracker<>(ctx, MetaTypeService.class, null);
        t.open();
        try {
            MetaTypeService mts = t.waitForService(10_000);
            assertNotNull(mts, "MetaType service");
            ObjectClassDefinition ocd = mts.getMetaTypeInformation(FrameworkUtil.getBundle(StatsComponent.class))
                    .getObjectClassDefinition(StatsConfig.PID, null);
            assertNotNull(ocd, "metatype for " + StatsConfig.PID);
            AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            assertEquals(StatsConfig.KEYS, Arrays.stream(ads).map(AttributeDefinition::getID).toList());
            for (AttributeDefinition ad : ads) { // the key intervalMs is the element intervalMs
                Object annotationDefault = StatsComponent.Config.class.getMethod(ad.getID()).getDefaultValue();
                assertEquals(String.valueOf(annotationDefault), ad.getDefaultValue()[0], "default of " + ad.getID());
            }
            assertEquals(AttributeDefinition.LONG, ads[0].getType(), StatsConfig.INTERVAL_MS);
            assertEquals(AttributeDefinition.BOOLEAN, ads[7].getType(), StatsConfig.JMX_ENABLED);
        } finally {
            t.close();
        }
    }
}
