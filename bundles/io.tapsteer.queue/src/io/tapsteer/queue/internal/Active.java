package io.tapsteer.queue.internal;

import io.tapsteer.api.steering.SteeringStrategy;

/**
 * What steers a device now: published in one volatile reference and read once per batch by every
 * poller. A new generation is a swap (new strategy, new lane count, kernel path changed).
 *
 * @param generation increases with every swap
 * @param strategy the strategy
 * @param laneIsQueue whether the kernel already applied the strategy (automq, or a kernel program):
 *        then a frame's lane is its queue and the poller delivers it itself
 * @param lanes how many lanes
 * @param note what steers and why, for users
 */
record Active(long generation, SteeringStrategy strategy, boolean laneIsQueue, boolean kernelProgram, int lanes, String note) {
}
