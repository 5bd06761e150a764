package io.tapsteer.api.queue;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.TapDevice;
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
}
