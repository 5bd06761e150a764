/**
 * Software virtio-net RSS: frame parser (flow key), Toeplitz hash with byte tables, hash-type
 * cascade, indirection table, hash report, ethtool-style text. The reference for kernel RSS.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.rss;
