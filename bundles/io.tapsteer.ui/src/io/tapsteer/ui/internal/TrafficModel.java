package io.tapsteer.ui.internal;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.StatsService;
import java.util.List;

/**
 * What the queue traffic view shows at one poll, exactly as the stats service reported it: the
 * tracked devices, one device's snapshot (per-queue counters, rates, shares, balance) and its
 * history ring for the chart.
 *
 * @param devices the devices the stats service tracks, sorted
 * @param stats the chosen device's snapshot, or null when none is tracked
 * @param history the chosen device's history samples, oldest first
 * @param problem why there is nothing to show ("" when {@code stats} is set)
 */
public record TrafficModel(List<String> devices, DeviceStats stats, List<DeviceStats> history, String problem) {

    /** @return a model saying why nothing is shown */
    static TrafficModel empty(String problem) {
        return new TrafficModel(List.of(), null, List.of(), problem);
    }

    /**
     * Takes the snapshot and the history of one device (off the UI thread).
     *
     * @param stats the stats service, or null
     * @param wanted the device the user chose, or null for the first
     * @return the model
     */
    public static TrafficModel capture(StatsService stats, String wanted) {
        if (stats == null) {
            return empty(Messages.Traffic_noStats);
        }
        List<String> devices = stats.devices();
        if (devices.isEmpty()) {
            return empty(Messages.Traffic_noManager);
        }
        String device = wanted != null && devices.contains(wanted) ? wanted : devices.get(0);
        return of(devices, stats.snapshot(device), stats.history(device));
    }

    /**
     * @param devices the tracked devices
     * @param snapshot one snapshot, shown unchanged
     * @param history the history to chart
     * @return the model of exactly these numbers
     */
    public static TrafficModel of(List<String> devices, DeviceStats snapshot, List<DeviceStats> history) {
        return new TrafficModel(List.copyOf(devices), snapshot, List.copyOf(history), "");
    }
}
