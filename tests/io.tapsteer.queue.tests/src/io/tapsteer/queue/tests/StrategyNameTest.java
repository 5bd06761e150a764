package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.SteeringStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** Strategy names: the typed service property every built-in strategy registers, and the one rule that reads it. */
class StrategyNameTest {

    @Test
    void everyBuiltInStrategyRegistersItsNameAsTheServiceProperty() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(StrategyNameTest.class).getBundleContext();
        for (String name : List.of("automq", "flow-hash", "round-robin", "single-queue")) {
            assertNotNull(OsgiLab.await(ctx, SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=" + name + ")"), name);
            ServiceReference<SteeringStrategy> ref = ctx.getServiceReferences(SteeringStrategy.class,
                    "(" + SteeringStrategy.NAME + "=" + name + ")").iterator().next();
            assertEquals(String.class, ref.getProperty(SteeringStrategy.NAME).getClass(), "a String property: " + name);
            SteeringStrategy s = ctx.getService(ref);
            try {
                assertEquals(name, s.name(), "name() equals the property");
                assertEquals(name, SteeringStrategy.nameOf(s, ref.getProperty(SteeringStrategy.NAME)));
            } finally {
                ctx.ungetService(ref);
            }
        }
    }

    @Test
    void theNameIsThePropertyElseTheStrategysOwn() {
        SteeringStrategy own = new SteeringStrategy() {
            @Override
            public String name() {
                return "own";
            }

            @Override
            public int select(Frame frame, int lanes) {
                return 0;
            }
        };
        assertEquals("registered", SteeringStrategy.nameOf(own, "registered"));
        assertEquals("own", SteeringStrategy.nameOf(own, null));
        assertEquals("own", SteeringStrategy.nameOf(own, " "));
        assertEquals("own", SteeringStrategy.nameOf(own, new String[] {"a", "b"}));
    }
}
