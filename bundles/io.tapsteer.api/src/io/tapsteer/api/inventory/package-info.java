/**
 * The host's tun/tap devices in every network namespace, with the processes that hold their
 * queues, and handles on taps other processes hold.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.tapsteer.api.inventory;
