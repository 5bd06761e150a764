/**
 * Tap devices, their queues, kernel counters, private network namespaces and AF_PACKET sockets.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.tapsteer.api.tap;
