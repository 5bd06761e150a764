package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.queue.internal.DeviceRuntime;
import io.tapsteer.queue.internal.Handlers;
import io.tapsteer.queue.internal.Settings;
import io.tapsteer.queue.internal.strategy.FlowHashStrategy;
import io.tapsteer.queue.internal.strategy.RoundRobinStrategy;
import io.tapsteer.queue.internal.strategy.SingleQueueStrategy;
import io.tapsteer.tap.internal.NativeTapService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One test's private namespace with a tap and a queue manager on it (built-in strategies added),
 * and a lab traffic source. Closing it checks that every pooled frame came back.
 */
final class QueueLab implements AutoCloseable {
    final NativeTapService service = new NativeTapService(null);
    final NetNamespace ns;
    final TapDevice tap;
    final Handlers handlers = new Handlers();
    final DeviceRuntime rt;

    QueueLab(String label, int queues, Settings settings) {
        this(label, TapOptions.builder().name(label + "%d").queues(queues).build(), settings);
    }

    QueueLab(String label, TapOptions options, Settings settings) {
        ns = service.privateNamespace(label);
        tap = service.create(options, ns);
        tap.setTxQueueLength(20_000); // a roomy kernel ring: scheduling hiccups must not drop frames in the kernel
        rt = new DeviceRuntime(tap, settings, handlers);
        rt.addStrategy(FlowHashStrategy.NAME, new FlowHashStrategy());
        rt.addStrategy(SingleQueueStrategy.NAME, new SingleQueueStrategy());
        rt.addStrategy(RoundRobinStrategy.NAME, new RoundRobinStrategy());
    }

    QueueLab handler(FrameHandler h, int... lanes) {
        handlers.add(h, lanes.length == 0 ? null : lanes);
        return this;
    }

    QueueLab start() {
        rt.start();
        return this;
    }

    TrafficSource.Builder traffic(int flows) {
        return TrafficSource.builder(service, tap).flows(flows).duration(Duration.ofSeconds(30));
    }

    /** Waits (bounded) until the pollers have read everything the kernel accepted. */
    void settle(TrafficSource src) {
        long target = src.sent();
        waitFor(() -> received() + tap.kernelCounters().txDropped() >= target, 10_000);
        LockSupport.parkNanos(50_000_000L); // lanes finish their last batches
        waitFor(() -> rt.framesOutstanding() == 0, 5_000);
    }

    long received() {
        return sum(rt.queueCounters(), CounterSnapshot::rxPackets);
    }

    long drops() {
        return sum(rt.queueCounters(), CounterSnapshot::totalDrops) + sum(rt.laneCounters(), CounterSnapshot::totalDrops);
    }

    static long sum(List<CounterSnapshot> l, java.util.function.ToLongFunction<CounterSnapshot> f) {
        return l.stream().mapToLong(f).sum();
    }

    static void waitFor(BooleanSupplier condition, long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(5_000_000L);
        }
    }

    static void sleep(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }

    @Override
    public void close() {
        try {
            rt.close();
            assertEquals(0, rt.framesOutstanding(), "every pooled frame is back after shutdown");
        } finally {
            service.closeAll();
            ns.close();
        }
    }
}
