package io.tapsteer.tap;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.tap.internal.NativeTapInventory;
import io.tapsteer.tap.internal.NativeTapService;
import java.util.List;

/**
 * The tap service for programs on a plain class path, without an OSGi framework around them (the
 * benchmark harness, for one), with the inventory of every tun/tap on the host. Inside OSGi, use
 * the registered {@link TapService} and {@link TapInventory} instead. Closing it closes every device
 * opened through it.
 */
public final class StandaloneTapService implements TapService, AutoCloseable {
    private final NativeTapService service = new NativeTapService(null);
    private final NativeTapInventory inventory = new NativeTapInventory(service);

    /**
     * @return the inventory of every tun/tap on the host ({@code tap:scan}), which marks the taps of
     *         this service as driven and gives handles on taps other processes hold
     */
    public TapInventory inventory() {
        return inventory;
    }

    @Override
    public TapDevice create(TapOptions options, NetNamespace namespace) {
        return service.create(options, namespace);
    }

    @Override
    public List<TapDevice> devices() {
        return service.devices();
    }

    @Override
    public NetNamespace privateNamespace(String label) {
        return service.privateNamespace(label);
    }

    @Override
    public NetNamespace joinNamespace(String name) {
        return service.joinNamespace(name);
    }

    @Override
    public PacketSocket openPacketSocket(TapDevice device, boolean receive) {
        return service.openPacketSocket(device, receive);
    }

    @Override
    public TapFeatures features() {
        return service.features();
    }

    /** Closes every device opened through this service. */
    @Override
    public void close() {
        service.closeAll();
    }
}
