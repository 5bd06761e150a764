package io.tapsteer.remote.internal;

import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.remote.HostSteering;
import io.tapsteer.remote.SteeringSnapshot;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link HostSteering} over this runtime's kernel steering, for {@link LabExport} to export. */
@Component(service = HostSteering.class)
public final class HostSteeringComponent implements HostSteering {
    @Reference
    private KernelSteering steering;

    @Override
    public SteeringSnapshot snapshot() {
        return SteeringSnapshot.of(steering);
    }
}
