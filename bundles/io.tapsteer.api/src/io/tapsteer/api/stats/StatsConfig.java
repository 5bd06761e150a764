package io.tapsteer.api.stats;

import java.util.List;

/**
 * The ConfigAdmin PID and keys of the stats configuration, as a {@code conf/io.tapsteer.stats.cfg}
 * file writes them. The keys are camelCase with their unit last ({@code intervalMs}), as the queue
 * manager's and rss's are; the stats service's metatype describes each with its default and range.
 * The dotted keys of earlier releases ({@code interval.ms}) are still read, with a warning.
 */
public final class StatsConfig {
    /** The ConfigAdmin PID. */
    public static final String PID = "io.tapsteer.stats";
    /** Sampling interval of the history ring, ms (Long). */
    public static final String INTERVAL_MS = "intervalMs";
    /** Default rate window, in samples (Integer). */
    public static final String WINDOW_SAMPLES = "windowSamples";
    /** Samples kept in the history ring (Integer). */
    public static final String HISTORY_SAMPLES = "historySamples";
    /** How many top flows a snapshot lists (Integer). */
    public static final String TOP_FLOWS = "topFlows";
    /** Flow counters per lane (Integer). */
    public static final String FLOW_COUNTERS = "flowCounters";
    /** Whether frames are counted per flow (Boolean). */
    public static final String FLOWS_ENABLED = "flowsEnabled";
    /** Half-life of flow counts, seconds; 0 never fades (Integer). */
    public static final String FLOWS_HALF_LIFE_S = "flowsHalfLifeS";
    /** Whether MBeans are registered (Boolean). */
    public static final String JMX_ENABLED = "jmxEnabled";

    /** Every key, in the order the metatype lists them. */
    public static final List<String> KEYS = List.of(INTERVAL_MS, WINDOW_SAMPLES, HISTORY_SAMPLES, TOP_FLOWS, FLOW_COUNTERS,
            FLOWS_ENABLED, FLOWS_HALF_LIFE_S, JMX_ENABLED);

    private StatsConfig() {
    }
}
