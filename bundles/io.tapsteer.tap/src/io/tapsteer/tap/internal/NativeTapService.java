package io.tapsteer.tap.internal;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link TapService} over the JNA binding; usable with or without OSGi. */
public final class NativeTapService implements TapService {
    private final List<TapDevice> devices = new CopyOnWriteArrayList<>();
    private volatile TapFeatures features;

    /** @param features the probe's result, or null to probe on first use */
    public NativeTapService(TapFeatures features) {
        this.features = features;
    }

    @Override
    public TapDevice create(TapOptions options, NetNamespace namespace) {
        NativeTapDevice d = namespace == null
                ? NativeTapDevice.open(options, null, devices::remove)
                : namespace.call(() -> NativeTapDevice.open(options, namespace, devices::remove));
        devices.add(d);
        return d;
    }

    @Override
    public List<TapDevice> devices() {
        return List.copyOf(devices);
    }

    @Override
    public NetNamespace privateNamespace(String label) {
        return ThreadNetNamespace.createPrivate(label);
    }

    @Override
    public NetNamespace joinNamespace(String name) {
        return ThreadNetNamespace.join(name);
    }

    @Override
    public PacketSocket openPacketSocket(TapDevice device, boolean receive) {
        NetNamespace ns = device.namespace();
        return ns == null ? NativePacketSocket.open(device.name(), receive)
                : ns.call(() -> NativePacketSocket.open(device.name(), receive));
    }

    @Override
    public TapFeatures features() {
        TapFeatures f = features;
        if (f == null) {
            f = Probe.run();
            features = f;
        }
        return f;
    }

    /** Closes every device still open. */
    public void closeAll() {
        for (TapDevice d : devices) {
            d.close();
        }
    }
}
