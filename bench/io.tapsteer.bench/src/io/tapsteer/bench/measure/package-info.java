/**
 * Measurements of the queue manager's data path, run by the benchmark harness and the queue
 * manager's tests: allocation per frame on RX and TX, and strategy swap latency under traffic; and
 * the Toeplitz tuples the harness and the JMH benchmarks hash alike.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.bench.measure;
