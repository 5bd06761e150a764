package io.tapsteer.tap;

import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.tap.internal.Probe;

/**
 * What the running kernel offers tapsteer (tun, its features and queue limit, CAP_NET_ADMIN, the
 * tun RSS ioctls, steering eBPF, batched I/O), for programs on a plain class path: the launcher's
 * {@code ./tapsteer probe} runs {@link #main}. Inside OSGi, {@code TapService.features()} gives the
 * same.
 */
public final class TapProbe {
    private TapProbe() {
    }

    /** @return the features, probed now */
    public static TapFeatures probe() {
        return Probe.run();
    }

    /** @return the multi-line report {@code ./tapsteer probe} prints */
    public static String report(TapFeatures features) {
        return Probe.report(features);
    }

    /** Prints the report; exits 0 when taps can be made, 2 when not. */
    public static void main(String[] args) {
        Probe.main(args);
    }
}
