package io.tapsteer.tap;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.tap.internal.NativeTapService;
import java.util.List;

/**
 * The tap service for programs on a plain class path, without an OSGi framework around them (the
 * benchmark harness, for one). Inside OSGi, use the registered {@link TapService} instead. Closing
 * it closes every device opened through it.
 */
public final class StandaloneTapService implements TapService, AutoCloseable {
    private final NativeTapService service = new NativeTapService(null);

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
