package io.tapsteer.example.steering.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.example.steering.PortRangeStrategy;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** The strategy as a third party ships it: a DS service, configured through ConfigAdmin. */
class StrategyServiceTest {
    private final Bundle bundle = FrameworkUtil.getBundle(PortRangeStrategy.class);
    private final BundleContext ctx = bundle.getBundleContext();

    @Test
    void isRegisteredAsASteeringStrategyUnderItsName() throws Exception {
        SteeringStrategy s = strategy();
        assertEquals("port-range", s.name());
        ServiceReference<SteeringStrategy> ref = ctx.getServiceReferences(SteeringStrategy.class, "(" + SteeringStrategy.NAME + "=port-range)")
                .iterator().next();
        assertEquals("port-range", ref.getProperty(SteeringStrategy.NAME));
    }

    @Test
    void theProductionBundleImportsTheTapsteerApiOnly() {
        // The host's own manifest: the fragment's test imports are not part of the shipped bundle.
        String imports = bundle.getHeaders().get("Import-Package");
        for (String pkg : imports.split(",(?=[a-z])")) {
            String name = pkg.split(";")[0].strip();
            // Optional imports are the build-time DS and metatype annotations.
            boolean allowed = name.startsWith("io.tapsteer.api.") || pkg.contains("resolution:=optional");
            assertTrue(allowed, "unexpected import " + name);
        }
        List<BundleWire> wires = bundle.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
        assertTrue(wires.stream().anyMatch(w -> w.getProvider().getBundle().getSymbolicName().equals("io.tapsteer.api")));
    }

    @Test
    void aConfigAdminUpdateRepinsNewFlows() throws Exception {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> t = new ServiceTracker<>(ctx, ConfigurationAdmin.class, null);
        t.open();
        try {
            ConfigurationAdmin cm = t.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(cm, "no ConfigurationAdmin");
            Configuration c = cm.getConfiguration(PortRangeStrategy.PID, "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("ranges", new String[] {"9000-9099:3"});
            c.update(p);
            SteeringStrategy s = strategy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int flow = 100;
            // The update reaches the component asynchronously: new flows follow it once it has. One
            // new flow on lane 3 can be the old hash's choice (1 in 4), eight in a row cannot.
            while (!pinsToThree(s, flow) && System.nanoTime() < deadline) {
                flow += 8;
                Thread.sleep(20);
                s = strategy();
            }
            flow += 8;
            assertEquals(3, s.select(Frames.udp4(flow + 1000, 9002), 4));
            c.delete();
        } finally {
            t.close();
        }
    }

    private static boolean pinsToThree(SteeringStrategy s, int firstFlow) {
        for (int f = firstFlow; f < firstFlow + 8; f++) {
            if (s.select(Frames.udp4(f, 9001), 4) != 3) {
                return false;
            }
        }
        return true;
    }

    private SteeringStrategy strategy() throws Exception {
        ServiceTracker<SteeringStrategy, SteeringStrategy> t = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + SteeringStrategy.class.getName() + ")(" + SteeringStrategy.NAME + "=port-range))"), null);
        t.open();
        try {
            SteeringStrategy s = t.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(s, "the port-range strategy service is not registered");
            return s;
        } finally {
            t.close();
        }
    }
}
