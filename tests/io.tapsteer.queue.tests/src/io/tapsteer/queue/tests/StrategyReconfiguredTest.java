package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.SteeringStrategy;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * A reconfigured strategy (its service properties change, as DS does when ConfigAdmin updates a
 * component) is swapped in again when it is the active one, so its kernel form follows the change;
 * an inactive one is left alone.
 */
class StrategyReconfiguredTest {

    /** Every frame to lane 0; its description carries the configuration generation. */
    private static final class Configurable implements SteeringStrategy {
        @Override
        public String name() {
            return "reconfigurable";
        }

        @Override
        public int select(Frame frame, int lanes) {
            return 0;
        }
    }

    @Test
    void theActiveStrategyIsSwappedInAgainWhenItsPropertiesChange() throws Exception {
        try (OsgiLab lab = new OsgiLab(Map.of("device", "qreconf", "namespace", "private", "queues", 2))) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(SteeringStrategy.NAME, "reconfigurable");
            props.put("generation", 1);
            ServiceRegistration<SteeringStrategy> reg = lab.context.registerService(SteeringStrategy.class, new Configurable(), props);
            try {
                QueueLab.waitFor(() -> lab.manager.strategies().contains("reconfigurable"), 10_000);
                lab.manager.useStrategy("reconfigurable");
                assertEquals("reconfigurable", lab.manager.activeStrategy());
                assertFalse(lab.manager.steering().contains("reconfigured"), lab.manager.steering());

                props.put("generation", 2);
                reg.setProperties(props);
                QueueLab.waitFor(() -> lab.manager.steering().contains("reconfigured"), 10_000);
                assertTrue(lab.manager.steering().contains("strategy 'reconfigurable' reconfigured"), lab.manager.steering());
                assertEquals("reconfigurable", lab.manager.activeStrategy());

                lab.manager.useStrategy("automq");
                props.put("generation", 3);
                reg.setProperties(props);
                QueueLab.sleep(300);
                assertEquals("automq", lab.manager.activeStrategy(), "an inactive strategy's change swaps nothing");
                assertFalse(lab.manager.steering().contains("reconfigured"), lab.manager.steering());
            } finally {
                reg.unregister();
            }
        }
    }
}
