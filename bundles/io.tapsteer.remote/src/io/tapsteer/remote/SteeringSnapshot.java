package io.tapsteer.remote;

import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime's kernel steering as a value that crosses to a desktop: whether steering programs load
 * there (and why not) and the program attached to each device. The kernel steering service's own
 * status records hold a live program description; this is their text.
 *
 * @param available whether steering programs load on the host
 * @param unavailabilityCause why not, or "" when available
 * @param programs the programs attached now, one per device
 */
public record SteeringSnapshot(boolean available, String unavailabilityCause, List<Program> programs) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One attached program.
     *
     * @param device the device it steers
     * @param owner who attached it
     * @param program the program in words ({@code rss(...)}, {@code queue 1})
     * @param programFd its file descriptor in the host's runtime
     * @param instructions its length in eBPF instructions
     * @param since when it was attached
     */
    public record Program(String device, String owner, String program, int programFd, int instructions, Instant since)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** @return the snapshot of {@code steering} now */
    public static SteeringSnapshot of(KernelSteering steering) {
        List<Program> programs = new ArrayList<>();
        for (KernelSteeringStatus s : steering.statuses()) {
            programs.add(new Program(s.device(), s.owner(), String.valueOf(s.program()), s.programFd(), s.instructions(), s.since()));
        }
        return new SteeringSnapshot(steering.isAvailable(), steering.unavailabilityCause(), List.copyOf(programs));
    }
}
