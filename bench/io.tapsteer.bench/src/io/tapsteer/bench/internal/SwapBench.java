package io.tapsteer.bench.internal;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.bench.BenchOptions;
import io.tapsteer.queue.DeviceQueueManager;
import java.util.Arrays;

/**
 * Strategy swap latency under traffic: the queue manager swaps between automq (lane = queue) and
 * flow-hash (user-space lanes) while the generator runs; each swap's time is from publishing the new
 * strategy until no poller can steer with the old one any more (the queue manager
 * measures it: {@link DeviceQueueManager#lastSwapNanos()}). The figure is the median swap of a round.
 */
public final class SwapBench {
    /** Queues of the tap: one poller each, all of which must reach the new strategy. */
    public static final int QUEUES = 2;
    private final BenchTap tap;
    private final RxBench rx;
    private final BenchOptions options;

    public SwapBench(BenchTap tap, RxBench rx, BenchOptions options) {
        this.tap = tap;
        this.rx = rx;
        this.options = options;
    }

    /** @return the median swap latency of one round, in microseconds */
    public double measure() {
        TapDevice device = tap.open(QUEUES);
        QueueManagerReader reader = null;
        Thread generator = null;
        RuntimeException[] generatorFailure = new RuntimeException[1];
        try {
            reader = new QueueManagerReader(device);
            DeviceQueueManager rt = reader.runtime();
            generator = new Thread(() -> {
                try {
                    rx.generate();
                } catch (RuntimeException e) {
                    generatorFailure[0] = e;
                }
            }, "tapsteer-bench-generator");
            generator.setDaemon(true);
            generator.start();
            long flowing = System.nanoTime() + 2_000_000_000L;
            while (reader.total() == 0 && System.nanoTime() < flowing) { // swap under traffic, not before it
                Thread.onSpinWait();
            }
            int swaps = options.swaps();
            double[] micros = new double[swaps];
            for (int i = 0; i < swaps; i++) {
                rt.useStrategy(i % 2 == 0 ? "flow-hash" : "automq");
                micros[i] = rt.lastSwapNanos() / 1e3;
                Thread.sleep(5);
            }
            generator.join(options.seconds() * 1000L + 10_000L);
            if (generatorFailure[0] != null) {
                throw generatorFailure[0];
            }
            Arrays.sort(micros);
            return micros[swaps / 2];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while swapping strategies", e);
        } finally {
            if (reader != null) {
                reader.stop();
            }
            device.close();
        }
    }
}
