package io.tapsteer.shell;

import io.tapsteer.lab.CaptureReplay;
import java.nio.file.Path;
import java.util.Locale;

/** The line {@code lab:replay} prints: what was sent from a capture, and what was not and why. */
final class ReplayReport {
    private ReplayReport() {
    }

    /** @return one line (two where the file was damaged part way) */
    static String line(Path file, String device, CaptureReplay.Result r) {
        double seconds = r.elapsedNanos() / 1e9;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "replayed %s into %s: %d pass%s, %d frames sent in %.2f s",
                file, device, r.passes(), r.passes() == 1 ? "" : "es", r.sent(), seconds));
        if (r.timedOut()) {
            b.append(" (stopped by --seconds)");
        }
        b.append(String.format(Locale.ROOT, "; not sent: %d shorter than an Ethernet header, %d longer than the tap's MTU, %d cut short in the capture",
                r.notEthernet(), r.tooLong(), r.truncated()));
        if (r.damage() != null) {
            b.append("\nstopped early: ").append(r.damage());
        }
        return b.toString();
    }
}
