package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.testsupport.Osgi;
import org.junit.jupiter.api.Test;

/** The DS component in a real OSGi framework: KernelSteering registered, attaching to a tap of the TapService. */
class KernelSteeringOsgiTest {

    private static <T> T await(Class<T> type) throws InterruptedException {
        return Osgi.await(Osgi.context(KernelSteeringOsgiTest.class), type, null, 10_000);
    }

    @Test
    void theServiceIsRegisteredAndSteers() throws Exception {
        KernelSteering steering = await(KernelSteering.class);
        TapService taps = await(TapService.class);
        assertNotNull(steering, "KernelSteering registered by DS");
        assertTrue(steering.isAvailable(), steering.unavailabilityCause());
        try (var ns = taps.privateNamespace("osgi-ebpf")) {
            TapDevice tap = taps.create(TapOptions.builder().name("osgi%d").queues(4).build(), ns);
            try {
                var s = steering.attach(tap, KernelProgram.rss(RssConfig.defaults(4)), "osgi-test");
                assertEquals("osgi-test", s.owner());
                assertTrue(steering.statuses().stream().anyMatch(x -> x.device().equals(tap.name())));
                steering.detach(tap, "osgi-test");
                assertTrue(steering.status(tap).isEmpty());
            } finally {
                tap.close();
            }
        }
    }
}
