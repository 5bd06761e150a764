package io.tapsteer.bench.measure;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.DeviceQueueManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures strategy swap latency under traffic: the time from publishing a swap until no poller can
 * steer with the old strategy any more (each is outside its steering section or steers with the new
 * one, as docs/queue-manager.md describes). Swaps alternate between
 * flow-hash (user lanes) and automq (lane = queue) on a tap in a private namespace fed by a lab
 * traffic source. For benchmarks: numbers to report, not a timed assertion.
 */
public final class SwapLatency {
    /**
     * @param nanos each swap's latency, in swap order
     */
    public record Report(long[] nanos) {
        /** @return the median latency in nanoseconds */
        public long median() {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s.length == 0 ? 0 : s[s.length / 2];
        }

        /** @return the largest latency in nanoseconds */
        public long max() {
            return Arrays.stream(nanos).max().orElse(0);
        }

        @Override
        public String toString() {
            return String.format("swap latency: %d swaps, median %.3f ms, max %.3f ms", nanos.length, median() / 1e6, max() / 1e6);
        }
    }

    private SwapLatency() {
    }

    /**
     * @param service makes the namespace, the tap and the source's socket
     * @param queues queues of the tap
     * @param swaps how many swaps, 1 to 10,000
     * @param framesPerSecond traffic while swapping
     */
    public static Report measure(TapService service, int queues, int swaps, long framesPerSecond) {
        if (swaps < 1 || swaps > 10_000) {
            throw new IllegalArgumentException("swaps " + swaps + " is out of range: 1 to 10000");
        }
        long[] nanos = new long[swaps];
        try (NetNamespace ns = service.privateNamespace("swap-latency")) {
            TapDevice tap = service.create(TapOptions.builder().name("swaplat%d").queues(queues).build(), ns);
            DeviceQueueManager rt = DeviceQueueManager.start(tap, "automq", batch -> { });
            long frames = Math.max(1, framesPerSecond) * (swaps / 50 + 2); // 20 ms per swap, plus slack
            try (TrafficSource src = TrafficSource.builder(service, tap).flows(1024).rate(framesPerSecond).frames(frames)
                    .duration(Duration.ofMinutes(5)).build().start()) {
                LockSupport.parkNanos(100_000_000L);
                for (int i = 0; i < swaps; i++) {
                    rt.useStrategy(i % 2 == 0 ? "flow-hash" : "automq");
                    nanos[i] = rt.lastSwapNanos();
                    LockSupport.parkNanos(10_000_000L);
                }
            } finally {
                rt.close();
                tap.close();
            }
        }
        return new Report(nanos);
    }
}
