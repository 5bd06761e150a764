package io.tapsteer.api.steering;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A queue selection strategy (SPI). Third parties implement it and register it as an OSGi service
 * with the property {@link #NAME} ({@link SteeringStrategyService} writes it); the queue manager
 * picks it up live (whiteboard). Whoever lists or looks strategies up names them by {@link #nameOf}.
 *
 * <p>Contract: the pollers call {@link #select(FrameBatch, int, int[])} once per batch, on poller
 * threads, concurrently; its default asks {@link #select(Frame, int)} for each frame, so a strategy
 * need only implement the per-frame method, and one that can decide a batch faster overrides the
 * batch method too (both must choose the same lanes). Neither may block, lock or allocate; each
 * lane must lie in {@code [0, lanes)}. A throw or an out-of-range lane costs a counted fallback,
 * never a lost frame.
 */
@ConsumerType
public interface SteeringStrategy {
    /** Service property: the strategy's name, unique among strategies (String). */
    String NAME = "tapsteer.strategy.name";

    /** @return the strategy's name, equal to the {@link #NAME} service property */
    String name();

    /**
     * The name a strategy service is known by, the one rule for the queue manager, the shell and
     * the GUI: its {@link #NAME} service property, or {@link #name()} when the property is missing
     * or not a non-blank string.
     *
     * @param strategy the service object
     * @param nameProperty the value of its {@link #NAME} service property, or null
     * @return the name
     */
    static String nameOf(SteeringStrategy strategy, Object nameProperty) {
        if (nameProperty instanceof String p && !p.isBlank()) {
            return p;
        }
        return strategy.name();
    }

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

    /**
     * The lanes of a whole batch, in one call per batch (the pollers' call). The default asks
     * {@link #select(Frame, int)} for each frame in order. An override must choose for every frame
     * the lane {@link #select(Frame, int)} chooses, and record on the frames what it records (the
     * hash, for example).
     *
     * <p>When this method throws, the poller asks {@link #select(Frame, int)} for each frame of the
     * batch instead (a frame whose select throws, or whose lane is out of range, goes to lane 0) and
     * counts every frame of the batch as a fallback.
     *
     * @param batch the frames, in arrival order (read-only views, valid during the call; its
     *        {@link FrameBatch#lane()} is -1: the frames have no lane yet)
     * @param lanes how many lanes there are, at least 1
     * @param lanesOut receives the lane of {@code batch.frame(i)} at index {@code i}, for every
     *        {@code i < batch.size()}; at least {@code batch.size()} long
     */
    default void select(FrameBatch batch, int lanes, int[] lanesOut) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            lanesOut[i] = select(batch.frame(i), lanes);
        }
    }

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
