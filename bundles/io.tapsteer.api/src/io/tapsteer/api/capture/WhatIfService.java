package io.tapsteer.api.capture;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a capture's frames through steering candidates offline, without any tap, as
 * {@code steer:whatif} does: registered strategies and RSS settings, side by side.
 */
@ProviderType
public interface WhatIfService {
    /**
     * @param capture a pcap or pcapng file
     * @param queues the queue count to predict for, 1 to 256
     * @param strategies names of registered strategies (waited for briefly, as {@code steer:whatif}
     *        does for a bundle just dropped in)
     * @param rss RSS settings in {@code rss:set}'s words, for example {@code equal 2 types tcp4,udp4}
     * @return per candidate (strategies first, then RSS settings, in the order given) the predicted
     *         load; with neither, every registered strategy
     * @throws IllegalArgumentException naming a bad argument, an unknown strategy or invalid settings
     * @throws IllegalStateException when the capture cannot be opened at all (damage later in the
     *         file is reported in {@link WhatIfResult#damage()}, not thrown)
     */
    WhatIfResult compare(Path capture, int queues, List<String> strategies, List<String> rss);
}
