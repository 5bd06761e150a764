package io.tapsteer.stats.internal;

import io.tapsteer.api.config.ConfigDefaults;

/**
 * The stats configuration, validated: sampling interval, default rate window, history length, how
 * many top flows, how many flow counters per lane and how fast flow counts fade.
 *
 * @param flowHalfLifeNanos every this long the flow counts halve, so the top flows follow the traffic
 *        of the last minutes; 0 counts since tracking began
 */
record Settings(long intervalNanos, long windowNanos, int historySamples, int topFlows, int flowCapacity,
        boolean flows, boolean jmx, long flowHalfLifeNanos) {

    /** The defaults of {@link StatsComponent.Config}. */
    private static final StatsComponent.Config DEFAULTS = ConfigDefaults.of(StatsComponent.Config.class);

    /** Default half-life of flow counts, seconds. */
    static final int HALF_LIFE_SECONDS = DEFAULTS.flowsHalfLifeS();

    /** Defaults: 1 s samples, 5 s window, 5 minutes of history, top 10 of 256 counters per lane, 60 s half-life. */
    static final Settings DEFAULT = of(DEFAULTS);

    /**
     * @param c the stats configuration
     * @return its settings
     * @throws IllegalArgumentException naming the wrong value and what is allowed
     */
    static Settings of(StatsComponent.Config c) {
        return of(c.intervalMs(), c.windowSamples(), c.historySamples(), c.topFlows(), c.flowCounters(), c.flowsEnabled(),
                c.jmxEnabled(), c.flowsHalfLifeS());
    }

    /** The settings with the default half-life of flow counts. */
    static Settings of(long intervalMillis, int windowSamples, int historySamples, int topFlows, int flowCapacity,
            boolean flows, boolean jmx) {
        return of(intervalMillis, windowSamples, historySamples, topFlows, flowCapacity, flows, jmx, HALF_LIFE_SECONDS);
    }

    /**
     * @throws IllegalArgumentException naming the wrong value and what is allowed
     */
    static Settings of(long intervalMillis, int windowSamples, int historySamples, int topFlows, int flowCapacity,
            boolean flows, boolean jmx, int halfLifeSeconds) {
        if (intervalMillis < 10 || intervalMillis > 60_000) {
            throw new IllegalArgumentException("interval " + intervalMillis + " ms is out of range: use 10 to 60000 ms");
        }
        if (historySamples < 2 || historySamples > 100_000) {
            throw new IllegalArgumentException("history of " + historySamples + " samples is out of range: use 2 to 100000");
        }
        if (windowSamples < 1 || windowSamples >= historySamples) {
            throw new IllegalArgumentException("window of " + windowSamples + " samples is out of range: use 1 to "
                    + (historySamples - 1) + " (less than the history)");
        }
        if (topFlows < 1 || topFlows > 1000) {
            throw new IllegalArgumentException("top flows " + topFlows + " is out of range: use 1 to 1000");
        }
        if (flowCapacity < topFlows || flowCapacity > 65_536) {
            throw new IllegalArgumentException("flow counters " + flowCapacity + " per lane are out of range: use "
                    + topFlows + " (the top flows) to 65536");
        }
        if (halfLifeSeconds < 0 || halfLifeSeconds > 86_400) {
            throw new IllegalArgumentException("flow half-life " + halfLifeSeconds + " s is out of range: use 0 (count since"
                    + " tracking began) or 1 to 86400 seconds");
        }
        long interval = intervalMillis * 1_000_000L;
        return new Settings(interval, interval * windowSamples, historySamples, topFlows, flowCapacity, flows, jmx,
                halfLifeSeconds * 1_000_000_000L);
    }
}
