/**
 * Statistics helpers callable from the shell and the GUI: balance metrics and text/JSON formatting
 * of {@link io.tapsteer.api.stats.DeviceStats} snapshots. The service itself is
 * {@link io.tapsteer.api.stats.StatsService}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.stats;
