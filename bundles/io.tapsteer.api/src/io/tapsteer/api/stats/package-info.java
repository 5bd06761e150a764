/**
 * Counters written by the data path (single writer, once per batch) and the snapshot model read by
 * stats, the shell and the GUI.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.tapsteer.api.stats;
