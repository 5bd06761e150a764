package io.tapsteer.ebpf.internal;

import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.tap.internal.ForeignTapDevice;
import java.util.LinkedHashSet;
import java.util.Set;

/** Who holds a foreign tap, in words for a log line: {@code qemu-system-x86 pid 4242}. */
final class HolderNames {
    private HolderNames() {
    }

    static String of(TapDevice d) {
        if (!(d instanceof ForeignTapDevice f)) {
            return "a holder";
        }
        Set<String> names = new LinkedHashSet<>();
        for (TapHolder h : f.holders()) {
            names.add(h.command() + " pid " + h.pid());
        }
        return names.isEmpty() ? "a holder" : String.join(", ", names);
    }
}
