/**
 * Frames as views on pooled memory, batches, flow keys, hash types and the frame-handler whiteboard.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.api.frame;
