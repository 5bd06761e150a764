package io.tapsteer.ebpf.internal;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.ebpf.EbpfKernelSteering;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The DS face of {@link EbpfKernelSteering}: registered as {@link KernelSteering}, with the tun RSS
 * path chosen by the tap service's probe. Programs on taps other processes hold are watched and
 * attached again when their holder takes them away ({@link ForeignWatch}, every 500 ms); the
 * tap inventory, when there is one, names the holders in the log line. Activation removes the pins
 * an earlier run left for devices that are gone, one log line each. Deactivation detaches the
 * programs of tapsteer's own taps; those on taps other processes hold stay, pinned, and the next
 * activation takes them over.
 */
@Component(service = KernelSteering.class)
public final class KernelSteeringComponent implements KernelSteering {
    private static final Logger LOG = Logger.getLogger(KernelSteeringComponent.class.getName());
    private final EbpfKernelSteering steering;
    private final ForeignWatch watch;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TapInventory inventory;

    /** @param taps the tap service, whose probe says whether the tun RSS ioctls exist */
    @Activate
    public KernelSteeringComponent(@Reference TapService taps) {
        this.steering = new EbpfKernelSteering(taps.features().rssIoctls());
        this.watch = new ForeignWatch(steering, 500, line -> LOG.info("tapsteer: " + line),
                HolderNames.from(() -> inventory));
        steering.removeStalePins().forEach(line -> LOG.info("tapsteer: " + line));
    }

    @Deactivate
    void deactivate() {
        watch.close();
        steering.close();
    }

    @Override
    public boolean isAvailable() {
        return steering.isAvailable();
    }

    @Override
    public String unavailabilityCause() {
        return steering.unavailabilityCause();
    }

    @Override
    public KernelSteeringStatus attach(TapDevice device, KernelProgram program, String owner) {
        return steering.attach(device, program, owner);
    }

    @Override
    public void detach(TapDevice device, String owner) {
        steering.detach(device, owner);
    }

    @Override
    public Optional<KernelSteeringStatus> status(TapDevice device) {
        return steering.status(device);
    }

    @Override
    public List<KernelSteeringStatus> statuses() {
        return steering.statuses();
    }

    @Override
    public List<KernelQueueCounters> programCounters(TapDevice device) {
        return steering.programCounters(device);
    }
}
