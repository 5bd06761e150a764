package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.tap.KernelQueueCounters;
import java.util.List;

/**
 * One loaded steering program with the maps it reads: what a device's owner holds while attached.
 * Every program counts its frames per queue ({@link QueueCounterMap}).
 * Closing it closes the program fd and every map fd (the kernel drops them once the tap lets go).
 */
public interface SteeringUnit extends AutoCloseable {
    /** @return the program fd to attach */
    int programFd();

    /** @return program length in instructions */
    int instructions();

    /** @return the kernel form this unit steers with now */
    KernelProgram program();

    /**
     * Rewrites the maps for {@code next} when this unit can steer by it without a new program
     * (same kind, same shape). The attached program sees the new maps at once.
     *
     * @return false when a new program is needed
     */
    boolean rewrite(KernelProgram next);

    /**
     * @param queues the device's numqueues
     * @return the frames and bytes the program steered to each queue since it was loaded
     */
    List<KernelQueueCounters> queueCounters(int queues);

    /**
     * @return what to pin in bpffs: "prog" and each map under its name ({@link Pins}); the fds stay
     *         the unit's
     */
    java.util.Map<String, Integer> objects();

    /** @return the maps' contents as read back from the kernel, as text */
    String maps();

    @Override
    void close();
}
