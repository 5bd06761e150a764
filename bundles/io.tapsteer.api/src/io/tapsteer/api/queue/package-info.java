/**
 * The queue manager: pollers, lanes, strategy hot-swap and transmit for one tap device.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.tapsteer.api.queue;
