package io.tapsteer.queue;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.queue.internal.DeviceRuntime;
import io.tapsteer.queue.internal.Handlers;
import io.tapsteer.queue.internal.Settings;
import io.tapsteer.queue.internal.strategy.FlowHashStrategy;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The queue manager of one device, started without OSGi: default settings (budget 64, one lane per
 * queue, the default pool), the given frame handlers on every lane, and the built-in strategies
 * {@code automq} and {@code flow-hash}; more come with {@link #addStrategy}. It is what the DS
 * component runs per configured device, minus configuration and the whiteboards.
 */
public final class DeviceQueueManager implements QueueManager, AutoCloseable {
    private final DeviceRuntime runtime;

    private DeviceQueueManager(DeviceRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts a poller on every attached queue of {@code device}.
     *
     * @param device an open tap; the caller closes it after {@link #close()}
     * @param strategy the strategy to start with: {@code automq}, {@code flow-hash}, or one added
     *        later with {@link #addStrategy} (until then frames go as automq puts them)
     * @param handlers what gets every lane's frame batches
     * @return the running queue manager
     */
    public static DeviceQueueManager start(TapDevice device, String strategy, FrameHandler... handlers) {
        return start(device, strategy, null, handlers);
    }

    /**
     * Starts a poller on every attached queue of {@code device}, steered by {@code strategy} from
     * the first frame on.
     *
     * @param device an open tap; the caller closes it after {@link #close()}
     * @param strategy the strategy to start with, offered under its {@link SteeringStrategy#name()}
     * @param handlers what gets every lane's frame batches
     * @return the running queue manager
     */
    public static DeviceQueueManager start(TapDevice device, SteeringStrategy strategy, FrameHandler... handlers) {
        return start(device, strategy.name(), strategy, handlers);
    }

    private static DeviceQueueManager start(TapDevice device, String name, SteeringStrategy strategy,
            FrameHandler... handlers) {
        Handlers h = new Handlers();
        for (FrameHandler handler : handlers) {
            h.add(handler, null);
        }
        DeviceRuntime runtime = new DeviceRuntime(device, Settings.defaults().withStrategy(name), h);
        runtime.addStrategy(FlowHashStrategy.NAME, new FlowHashStrategy());
        if (strategy != null) {
            runtime.addStrategy(name, strategy);
        }
        runtime.start();
        return new DeviceQueueManager(runtime);
    }

    /** Offers a strategy under its {@link SteeringStrategy#name()}; it takes over when it is the one asked for. */
    public void addStrategy(SteeringStrategy strategy) {
        runtime.addStrategy(strategy.name(), strategy);
    }

    /** @return nanoseconds the last strategy swap took until no poller could steer with the old one */
    public long lastSwapNanos() {
        return runtime.lastSwapNanos();
    }

    /** @return the ids of every poller and lane thread (for allocation measurements) */
    public long[] threadIds() {
        return runtime.threadIds();
    }

    @Override
    public TapDevice device() {
        return runtime.device();
    }

    @Override
    public String activeStrategy() {
        return runtime.activeStrategy();
    }

    @Override
    public void useStrategy(String name) {
        runtime.useStrategy(name);
    }

    @Override
    public List<String> strategies() {
        return runtime.strategies();
    }

    @Override
    public int lanes() {
        return runtime.lanes();
    }

    @Override
    public List<CounterSnapshot> queueCounters() {
        return runtime.queueCounters();
    }

    @Override
    public List<CounterSnapshot> laneCounters() {
        return runtime.laneCounters();
    }

    @Override
    public boolean transmit(ByteBuffer buffer, int offset, int length) {
        return runtime.transmit(buffer, offset, length);
    }

    @Override
    public int transmit(ByteBuffer buffer, int[] offsets, int[] lengths, int count) {
        return runtime.transmit(buffer, offsets, lengths, count);
    }

    @Override
    public String steering() {
        return runtime.steering();
    }

    @Override
    public boolean kernelProgramSteers() {
        return runtime.kernelProgramSteers();
    }

    @Override
    public TapQueue addQueue() {
        return runtime.addQueue();
    }

    @Override
    public void detachQueue(int queueId) {
        runtime.detachQueue(queueId);
    }

    @Override
    public void attachQueue(int queueId) {
        runtime.attachQueue(queueId);
    }

    @Override
    public long memoryPerQueue() {
        return runtime.memoryPerQueue();
    }

    @Override
    public void supplyMemory(int queueId, ByteBuffer memory) {
        runtime.supplyMemory(queueId, memory);
    }

    /** Stops every poller (each delivers what it queued), then every lane; idempotent. */
    @Override
    public void close() {
        runtime.close();
    }
}
