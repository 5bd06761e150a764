package io.tapsteer.api.capture;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Captures the frames of a device a queue manager runs into a pcapng file, as {@code stats:capture}
 * does: one interface description block per tap queue ({@code DEVICE:qN}), each frame in the block
 * of the queue it arrived on, its RSS hash, hash type and lane in its options.
 */
@ProviderType
public interface CaptureService {
    /**
     * Captures until {@code frames} are written, {@code seconds} pass, the file reaches its size
     * bound or the calling thread is interrupted (blocks that long).
     *
     * @param device the device, or "" when one queue manager runs
     * @param queues tap queues to capture, for example {@code 0,2-3}; "" for all
     * @param seconds most seconds, 1 to 3600
     * @param frames most frames, 1 to 100000000
     * @param snaplen most bytes kept of each frame, 64 to 262144
     * @param file the pcapng file to write
     * @return what was written
     * @throws IllegalArgumentException naming the bad argument and what is allowed
     * @throws IllegalStateException when writing failed (the frames already written stay readable)
     *         or no such device runs; the message says which, with the summary of what was written
     */
    CaptureSummary capture(String device, String queues, int seconds, long frames, int snaplen, Path file);
}
