/**
 * Software virtio-net RSS: Toeplitz hash with byte tables, hash-type cascade, indirection table,
 * hash report, ethtool-style text. The reference for kernel RSS. Frames are parsed by
 * {@code io.tapsteer.frame}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.rss;
