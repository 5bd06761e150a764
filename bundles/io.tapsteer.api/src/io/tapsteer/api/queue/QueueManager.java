package io.tapsteer.api.queue;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs one tap device: one poller per queue, lanes, the buffer pool, the active strategy and TX.
 * Registered as a service per device with the property {@link #DEVICE}.
 */
@ProviderType
public interface QueueManager {
    /** Service property: the device name. */
    String DEVICE = "tapsteer.device";

    /** @return the device */
    TapDevice device();

    /** @return the active strategy's name */
    String activeStrategy();

    /**
     * Swaps the active strategy (RCU-like: no frame lost, flows stay ordered).
     *
     * @param name a registered strategy's name
     * @throws IllegalArgumentException naming the strategies that exist
     */
    void useStrategy(String name);

    /** @return the names of the strategies available now */
    List<String> strategies();

    /** @return how many lanes frames are delivered on */
    int lanes();

    /** @return a consistent snapshot of each queue's counters, by queue id */
    List<CounterSnapshot> queueCounters();

    /** @return a consistent snapshot of each lane's counters */
    List<CounterSnapshot> laneCounters();

    /**
     * Sends one frame into the kernel on the queue the active strategy picks.
     *
     * @return true when written, false when the queue's ring was full
     */
    boolean transmit(ByteBuffer buffer, int offset, int length);

    /**
     * @return what steers now and why, in words: the strategy, the kernel or user path, and the last
     *         change (for example "automq via kernel automq: strategy 'x' went away: fell back to automq")
     */
    String steering();

    /**
     * Opens a new queue on the device, starts its poller and re-spreads the lanes.
     *
     * @return the new queue
     */
    TapQueue addQueue();

    /**
     * Detaches a queue at run time (TUNSETQUEUE): its poller stops after handing on what it read,
     * the lanes are re-spread over the queues left; traffic keeps flowing on them.
     *
     * @param queueId the queue's {@link TapQueue#id()}
     * @throws IllegalArgumentException for an unknown or detached queue, or the last attached one
     */
    void detachQueue(int queueId);

    /**
     * Re-attaches a detached queue; it becomes the last kernel index and gets its poller back.
     *
     * @param queueId the queue's {@link TapQueue#id()}
     * @throws IllegalArgumentException for an unknown or attached queue
     */
    void attachQueue(int queueId);
}
