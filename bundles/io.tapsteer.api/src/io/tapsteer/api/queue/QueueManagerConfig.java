package io.tapsteer.api.queue;

import java.util.List;

/**
 * The keys of a queue manager's factory configuration ({@value QueueManager#FACTORY_PID}) and the
 * values with a meaning of their own: what a {@code conf/io.tapsteer.queue-NAME.cfg} file, the demo
 * lab and the GUI write. The queue manager's metatype describes each key with its default and range.
 */
public final class QueueManagerConfig {
    /** Tap name, or a template with {@code %d} the kernel completes (String). */
    public static final String DEVICE = "device";
    /** Where the tap lives: empty for the runtime's own namespace, {@link #PRIVATE_NAMESPACE}, or a name under /run/netns (String). */
    public static final String NAMESPACE = "namespace";
    /** {@link #NAMESPACE} value: a new private network namespace, closed with the configuration. */
    public static final String PRIVATE_NAMESPACE = "private";
    /** Queue fds to open, 1 to 256 (Integer). */
    public static final String QUEUES = "queues";
    /** vnet header size: 0, 10, 12, 20 or more (Integer). */
    public static final String VNET_HEADER = "vnetHeader";
    /** TUN_F_* offload bits; need a vnet header (Integer). */
    public static final String OFFLOADS = "offloads";
    /** Most frames a poller drains per wake-up, 1 to 1024 (Integer). */
    public static final String BUDGET = "budget";
    /** User-space lanes, 0 for one per attached queue (Integer). */
    public static final String LANES = "lanes";
    /** The steering strategy's name (String). */
    public static final String STRATEGY = "strategy";
    /** Frames in each poller's pool (Integer). */
    public static final String POOL_FRAMES = "poolFrames";
    /** Bytes per pooled frame without offloads (Integer). */
    public static final String FRAME_BYTES = "frameBytes";
    /** {@link #KERNEL_STEERING_AUTO} or {@link #KERNEL_STEERING_AUTOMQ} (String). */
    public static final String KERNEL_STEERING = "kernelSteering";
    /** {@link #KERNEL_STEERING} value: attach a strategy's kernel program when the kernel can take it. */
    public static final String KERNEL_STEERING_AUTO = "auto";
    /** {@link #KERNEL_STEERING} value: never attach one; the kernel's automq, steered in user space. */
    public static final String KERNEL_STEERING_AUTOMQ = "automq";
    /** Whether whole batches cross into the kernel at once (Boolean). */
    public static final String BATCH_IO = "batchIo";

    /** Every key, in the order the metatype lists them. */
    public static final List<String> KEYS = List.of(DEVICE, NAMESPACE, QUEUES, VNET_HEADER, OFFLOADS, BUDGET, LANES, STRATEGY,
            POOL_FRAMES, FRAME_BYTES, KERNEL_STEERING, BATCH_IO);

    private QueueManagerConfig() {
    }
}
