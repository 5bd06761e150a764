package io.tapsteer.api.steering;

import io.tapsteer.api.frame.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A queue selection strategy (SPI). Third parties implement it and register it as an OSGi service
 * with the property {@link #NAME}; the queue manager picks it up live (whiteboard).
 *
 * <p>Contract: {@link #select} is called on poller threads, concurrently, once per frame; it must not
 * block, lock or allocate, and must return a lane in {@code [0, lanes)}. A throw or an out-of-range
 * lane costs a counted fallback to lane 0, never a lost frame.
 */
@ConsumerType
public interface SteeringStrategy {
    /** Service property: the strategy's name, unique among strategies (String). */
    String NAME = "tapsteer.strategy.name";

    /** @return the strategy's name, equal to the {@link #NAME} service property */
    String name();

    /** @return one sentence for lists and the GUI */
    default String description() {
        return name();
    }

    /**
     * @param frame the frame (read-only view; may be given its hash with {@link Frame#hash(int, io.tapsteer.api.frame.HashReport)})
     * @param lanes how many lanes there are, at least 1
     * @return the lane, {@code 0 <= lane < lanes}
     */
    int select(Frame frame, int lanes);

    /** @return whether all frames of one flow always go to one lane (false for round robin) */
    default boolean keepsFlowOrder() {
        return true;
    }

    /**
     * @param queues attached queues of the device
     * @return the kernel form of this strategy, so the kernel puts frames on the right queue
     *         itself, or null when there is none
     */
    default KernelProgram kernelProgram(int queues) {
        return null;
    }

    /**
     * @param frame the frame
     * @param lanes how many lanes
     * @return why {@link #select} picks the lane it picks
     */
    default Explanation explain(Frame frame, int lanes) {
        return Explanation.of(name(), select(frame, lanes));
    }
}
