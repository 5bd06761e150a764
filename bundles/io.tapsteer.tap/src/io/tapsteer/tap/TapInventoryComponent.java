package io.tapsteer.tap;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.tap.internal.NativeTapInventory;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers the {@link TapInventory}: every tun/tap on the host and handles on foreign taps. It
 * needs the tap service (so /dev/net/tun is usable and this runtime's own taps can be marked).
 */
@Component(service = TapInventory.class)
public final class TapInventoryComponent implements TapInventory {
    private final NativeTapInventory inventory;

    /** @param taps the tap service */
    @Activate
    public TapInventoryComponent(@Reference TapService taps) {
        this.inventory = new NativeTapInventory(taps);
    }

    @Override
    public List<HostTap> scan() {
        return inventory.scan();
    }

    @Override
    public TapDevice foreign(String name, String netns) {
        return inventory.foreign(name, netns);
    }

    @Override
    public List<TapDevice> foreignDevices() {
        return inventory.foreignDevices();
    }

    @Override
    public String keyOf(TapDevice device) {
        return inventory.keyOf(device);
    }
}
