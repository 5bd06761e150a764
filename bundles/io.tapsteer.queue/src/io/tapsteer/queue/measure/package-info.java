/**
 * Measurements of the queue manager's data path for benchmarks (allocation per frame on RX and TX).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.queue.measure;
