package io.tapsteer.rss;

import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.rss.internal.RssStrategy;

/**
 * The rss steering strategy for programs outside OSGi (the benchmark harness): the class the DS
 * component registers, with the default settings ({@link RssSettings#defaults()}). Inside OSGi, use
 * the registered strategy named {@code rss} and configure it through ConfigurationAdmin.
 */
public final class RssStrategies {
    private RssStrategies() {
    }

    /** @return a new rss strategy with the default key, every hash type and the default table */
    public static SteeringStrategy withDefaults() {
        return new RssStrategy();
    }
}
