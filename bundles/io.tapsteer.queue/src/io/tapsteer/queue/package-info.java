/**
 * The queue manager for programs outside OSGi: one device's pollers, lanes, pool and strategies
 * started by hand (benchmarks and measurements), and the guarded call with which a poller asks a
 * strategy for a batch's lanes. Inside OSGi the queue manager is configured through
 * ConfigurationAdmin and used through the API's {@code QueueManager} service.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.queue;
