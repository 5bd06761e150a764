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

    /**
     * The ConfigAdmin factory PID of queue-manager configurations: one configuration (device,
     * namespace, queues, strategy ...) makes one queue manager.
     */
    String FACTORY_PID = "io.tapsteer.queue";

    /** @return the device */
    TapDevice device();

    /**
     * Waits until every queue's poller is polling: its thread runs with its reader set up and has
     * read its queue once, so frames sent from then on find a reader rather than a thread still
     * starting. A caller about to send traffic into the device (the lab) waits for this first.
     *
     * @param millis how long to wait at most
     * @return whether every poller was polling within {@code millis}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    default boolean awaitPolling(long millis) throws InterruptedException {
        return true;
    }

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
    default String steering() {
        return activeStrategy();
    }

    /**
     * @return whether the kernel steers with the active strategy's own program (an attached steering
     *         eBPF program, so a frame's queue is its lane), rather than with its automq
     */
    default boolean kernelProgramSteers() {
        return false;
    }

    /**
     * Opens a new queue on the device, starts its poller and re-spreads the lanes.
     *
     * @return the new queue
     */
    default TapQueue addQueue() {
        throw new UnsupportedOperationException("addQueue is not supported by " + getClass().getName());
    }

    /**
     * Detaches a queue at run time (TUNSETQUEUE): its poller stops after handing on what it read,
     * the lanes are re-spread over the queues left; traffic keeps flowing on them. The kernel drops,
     * uncounted, whatever a queue holds when it detaches, so where a kernel steering service can
     * attach, the kernel is first steered away from the queue and the queue read empty.
     *
     * @param queueId the queue's {@link TapQueue#id()}
     * @throws IllegalArgumentException for an unknown or detached queue, or the last attached one
     */
    default void detachQueue(int queueId) {
        throw new UnsupportedOperationException("detachQueue is not supported by " + getClass().getName());
    }

    /**
     * Re-attaches a detached queue; it becomes the last kernel index and gets its poller back.
     *
     * @param queueId the queue's {@link TapQueue#id()}
     * @throws IllegalArgumentException for an unknown or attached queue
     */
    default void attachQueue(int queueId) {
        throw new UnsupportedOperationException("attachQueue is not supported by " + getClass().getName());
    }

    /**
     * Sends a batch of frames from one buffer, each on the queue the active strategy picks for it,
     * in order. Implementations write a batch with as few kernel crossings as they can (the queue
     * manager: one io_uring submission per batch budget), so a batch costs far less per frame than
     * the same frames sent one {@link #transmit(ByteBuffer, int, int)} at a time.
     *
     * @param buffer a direct buffer holding the frames
     * @param offsets start of each frame
     * @param lengths length of each frame
     * @param count how many frames
     * @return how many were written (a frame the kernel refuses does not stop the ones after it)
     * @throws IllegalArgumentException when the arrays hold fewer than {@code count} entries, or a
     *         frame is too short (the queue manager checks every frame before it writes any)
     */
    default int transmit(ByteBuffer buffer, int[] offsets, int[] lengths, int count) {
        if (count < 0 || count > offsets.length || count > lengths.length) {
            throw new IllegalArgumentException("a batch of " + count + " frames does not fit its arrays of "
                    + offsets.length + " offsets and " + lengths.length + " lengths");
        }
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += transmit(buffer, offsets[i], lengths[i]) ? 1 : 0;
        }
        return n;
    }

    /** @return bytes of direct memory one queue's pool needs, for {@link #supplyMemory} */
    default long memoryPerQueue() {
        throw new UnsupportedOperationException("memoryPerQueue is not supported by " + getClass().getName());
    }

    /**
     * Makes a queue's frames land in memory the caller supplies (the "page constructor" of zero-copy receive into guest memory: for
     * example memory it will hand to a VM), instead of the pool's own. The queue's poller pauses
     * (the kernel keeps its frames meanwhile), waits until every frame of the old pool is back, and
     * resumes on the new memory; with lane = queue, that queue's lane delivers views on it.
     *
     * @param queueId the queue's {@link TapQueue#id()}
     * @param memory a direct buffer of at least {@link #memoryPerQueue()} bytes; the manager uses it
     *        until it is shut down
     * @throws IllegalArgumentException for an unknown queue or unfit memory, saying what is needed
     * @throws IllegalStateException when frames of the old pool are still held after two seconds
     */
    default void supplyMemory(int queueId, ByteBuffer memory) {
        throw new UnsupportedOperationException("supplyMemory is not supported by " + getClass().getName());
    }
}
