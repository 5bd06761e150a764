/**
 * Captures: a device's frames per tap queue into pcapng (what {@code stats:capture} writes), and
 * "what if" steering of a capture offline (what {@code steer:whatif} compares), as services for
 * the desktop views and other bundles.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.api.capture;
