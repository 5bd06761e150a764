package io.tapsteer.api.stats;

import java.util.List;

/**
 * The ConfigAdmin PID and keys of the stats configuration, as a {@code conf/io.tapsteer.stats.cfg}
 * file writes them. The keys are dotted with their unit last ({@code interval.ms}); the stats
 * service's metatype describes each with its default and range.
 */
public final class StatsConfig {
    /** The ConfigAdmin PID. */
    public static final String PID = "io.tapsteer.stats";
    /** Sampling interval of the history ring, ms (Long). */
    public static final String INTERVAL_MS = "interval.ms";
    /** Default rate window, in samples (Integer). */
    public static final String WINDOW_SAMPLES = "window.samples";
    /** Samples kept in the history ring (Integer). */
    public static final String HISTORY_SAMPLES = "history.samples";
    /** How many top flows a snapshot lists (Integer). */
    public static final String TOP_FLOWS = "top.flows";
    /** Flow counters per lane (Integer). */
    public static final String FLOW_COUNTERS = "flow.counters";
    /** Whether frames are counted per flow (Boolean). */
    public static final String FLOWS_ENABLED = "flows.enabled";
    /** Half-life of flow counts, seconds; 0 never fades (Integer). */
    public static final String FLOWS_HALF_LIFE_S = "flows.half.life.s";
    /** Whether MBeans are registered (Boolean). */
    public static final String JMX_ENABLED = "jmx.enabled";

    /** Every key, in the order the metatype lists them. */
    public static final List<String> KEYS = List.of(INTERVAL_MS, WINDOW_SAMPLES, HISTORY_SAMPLES, TOP_FLOWS, FLOW_COUNTERS,
            FLOWS_ENABLED, FLOWS_HALF_LIFE_S, JMX_ENABLED);

    private StatsConfig() {
    }
}
