package io.tapsteer.ebpf.internal;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.TapDevice;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who holds a foreign tap, in words for a log line: {@code qemu-system-x86 pid 4242}. Asked of the
 * tap inventory when a line is written (rarely: a holder replaced a program), so the names are the
 * holders of that moment.
 */
public final class HolderNames {
    private static final String UNKNOWN = "a holder";

    private HolderNames() {
    }

    /**
     * @param inventory the inventory to ask, or a supplier of null while there is none
     * @return a device's holders in words, "a holder" when the inventory does not know them
     */
    public static Function<TapDevice, String> from(Supplier<TapInventory> inventory) {
        return d -> of(inventory.get(), d);
    }

    static String of(TapInventory inventory, TapDevice d) {
        if (inventory == null) {
            return UNKNOWN;
        }
        String key = inventory.keyOf(d);
        Set<String> names = new LinkedHashSet<>();
        for (HostTap t : inventory.scan()) {
            if (t.key().equals(key)) {
                for (TapHolder h : t.holders()) {
                    names.add(h.command() + " pid " + h.pid());
                }
            }
        }
        return names.isEmpty() ? UNKNOWN : String.join(", ", names);
    }
}
