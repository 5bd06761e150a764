package io.tapsteer.remote;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A lab host's kernel steering as snapshots, exported beside its {@code KernelSteering} (whose
 * status records are not values that cross): what {@code ebpf:status --host NAME} shows.
 */
@ProviderType
public interface HostSteering {
    /** @return the host's kernel steering now */
    SteeringSnapshot snapshot();
}
