package io.tapsteer.remote;

import java.util.SortedMap;

/** The configured lab hosts and the state of each one's tunnel. */
public interface LabHosts {
    /** @return host name to its configuration and state, sorted by name */
    SortedMap<String, Entry> hosts();

    /**
     * A configured host.
     *
     * @param host the host, or null when its configuration was refused
     * @param uri the uri as configured
     * @param state its tunnel's state
     */
    record Entry(LabHost host, String uri, HostState state) {
    }
}
