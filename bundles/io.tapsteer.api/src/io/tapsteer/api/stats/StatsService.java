package io.tapsteer.api.stats;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Statistics of every device a queue manager runs: fresh snapshots, rates over a sliding window,
 * balance, the kernel's view, top flows, and a history ring of samples taken at a fixed interval so
 * a view can draw the last minutes. Used by the shell and the GUI; JMX shows the same numbers.
 */
@ProviderType
public interface StatsService {
    /**
     * @return the names of the devices tracked now, sorted: a device's kernel name, or
     *         {@code name@namespace} for a device whose name another tracked device (in another
     *         network namespace) is already shown by
     */
    List<String> devices();

    /**
     * @param device a tracked device
     * @return counters read now, rates over the default window
     * @throws IllegalArgumentException naming the tracked devices
     */
    DeviceStats snapshot(String device);

    /**
     * @param device a tracked device
     * @param window the rate window, from one {@link #interval()} to the history span
     * @return counters read now, rates over {@code window}
     * @throws IllegalArgumentException naming the tracked devices or the allowed windows
     */
    DeviceStats snapshot(String device, Duration window);

    /**
     * @param device a tracked device
     * @return the samples of the history ring, oldest first
     * @throws IllegalArgumentException naming the tracked devices
     */
    List<DeviceStats> history(String device);

    /** @return the sampling interval of the history ring */
    Duration interval();

    /** @return the default rate window */
    Duration window();

    /** @return how far back the history ring reaches when full */
    Duration historySpan();
}
