package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.bench.measure.AllocationMeter;
import io.tapsteer.tap.internal.NativeTapService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Steady state allocates nothing per frame: over a million frames, the data-path threads allocate
 * less than one byte per frame (any per-frame object would cost at least 16). Not a timing test:
 * the numbers printed are for the benchmark report.
 */
class AllocationTest {
    private final NativeTapService service = new NativeTapService(null);

    @Test
    void receiveWithLaneEqualsQueueAllocatesNothingPerFrame() {
        AllocationMeter.Report r = AllocationMeter.rx(service, 2, 1_000_000, false, Duration.ofSeconds(120));
        System.out.println("allocation " + r);
        assertTrue(r.frames() >= 1_000_000, "measured over a million frames: " + r);
        assertTrue(r.bytesPerFrame() < 1.0, r.toString());
    }

    @Test
    void receiveThroughUserLanesAllocatesNothingPerFrame() {
        AllocationMeter.Report r = AllocationMeter.rx(service, 2, 1_000_000, true, Duration.ofSeconds(120));
        System.out.println("allocation " + r + " (user lanes)");
        assertTrue(r.frames() >= 1_000_000, "measured over a million frames: " + r);
        assertTrue(r.bytesPerFrame() < 1.0, r.toString());
    }

    @Test
    void transmitAllocatesNothingPerFrame() {
        AllocationMeter.Report r = AllocationMeter.tx(service, 2, 1_000_000, Duration.ofSeconds(120));
        System.out.println("allocation " + r);
        assertTrue(r.frames() >= 1_000_000, "measured over a million frames: " + r);
        assertTrue(r.bytesPerFrame() < 1.0, r.toString());
    }
}
