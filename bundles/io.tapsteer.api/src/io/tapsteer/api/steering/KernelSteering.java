package io.tapsteer.api.steering;

import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Generates, loads and attaches steering eBPF programs to taps (TUNSETSTEERINGEBPF). One owner per
 * device: a second owner gets an EBUSY-style error. Detaching returns the device to automq.
 */
@ProviderType
public interface KernelSteering {
    /** @return whether programs can be loaded here (bpf(2) allowed, tun supports steering) */
    boolean isAvailable();

    /** @return why not, or "" when available */
    String unavailabilityCause();

    /**
     * Attaches the program, or rewrites the maps of the one this owner already attached (a new RSS
     * key or table takes effect without re-attaching).
     *
     * @param device the tap
     * @param program what to steer with; AUTOMQ detaches
     * @param owner who asks (a strategy or a user), for the one-owner rule
     * @return the status after the change
     * @throws IllegalStateException EBUSY-style when another owner holds the device
     */
    KernelSteeringStatus attach(TapDevice device, KernelProgram program, String owner);

    /** Detaches the owner's program; the device goes back to automq. */
    void detach(TapDevice device, String owner);

    /** @return the status of a device, empty when nothing is attached */
    Optional<KernelSteeringStatus> status(TapDevice device);

    /** @return every attached program */
    List<KernelSteeringStatus> statuses();

    /**
     * The steering program's own per-queue counters: each program tapsteer generates counts the
     * frames and bytes it sends to each queue (in a per-CPU map), from when it was loaded.
     *
     * @param device a device with a program attached by this service
     * @return one entry per queue 0 .. numqueues-1, empty when no program of this service steers it
     */
    default List<KernelQueueCounters> programCounters(TapDevice device) {
        return List.of();
    }
}
