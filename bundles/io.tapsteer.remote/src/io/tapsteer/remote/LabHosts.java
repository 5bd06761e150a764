package io.tapsteer.remote;

import java.util.SortedMap;

/** The configured lab hosts, the state of each one's tunnel, and the services of the connected ones. */
public interface LabHosts {
    /** @return host name to its configuration and state, sorted by name */
    SortedMap<String, Entry> hosts();

    /**
     * The services of a connected host, as the host exports them now.
     *
     * @param host a configured host's name
     * @return its services
     * @throws IllegalArgumentException when the host is not configured (naming those that are), or
     *         not connected (with its state: unreachable since when and why, or refused and why)
     */
    HostServices services(String host);

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
