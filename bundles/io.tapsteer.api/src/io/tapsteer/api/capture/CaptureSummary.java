package io.tapsteer.api.capture;

import java.nio.file.Path;
import java.util.List;

/**
 * What a capture wrote.
 *
 * @param file the pcapng file
 * @param device the device captured
 * @param interfaces the file's interface names, one per tap queue
 * @param perQueue frames written per tap queue
 * @param notCaptured frames delivered while the writer was too far behind (not in the file)
 * @param bytes bytes of the file
 * @param stoppedBy what ended it: {@code frames}, {@code seconds}, {@code size} or {@code interrupted}
 * @param text the summary line, as {@code stats:capture} prints it
 */
public record CaptureSummary(Path file, String device, List<String> interfaces, List<Long> perQueue, long notCaptured,
        long bytes, String stoppedBy, String text) {

    /** @return frames written in all */
    public long frames() {
        return perQueue.stream().mapToLong(Long::longValue).sum();
    }
}
