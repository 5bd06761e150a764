package io.tapsteer.api.tap;

/**
 * What the kernel counted for one queue of a multiqueue tap. The tun driver keeps no per-queue
 * counters, so these come from elsewhere: the tap's {@code mq} qdisc (one child per tx queue: the
 * frames the kernel put on that queue, and those its qdisc dropped) or a steering program's own
 * counters (the frames it chose that queue for).
 *
 * @param queue the queue index (as the kernel numbers the attached queues)
 * @param packets frames
 * @param bytes their bytes
 * @param drops frames dropped on the way to this queue (0 where the source cannot tell)
 */
public record KernelQueueCounters(int queue, long packets, long bytes, long drops) implements java.io.Serializable {
}
