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

    /** Where a lab host's runtime writes a capture that {@link #fetchCapture} then moves. */
    String CAPTURE_DIR = "/run/tapsteer";

    /**
     * Moves a capture a connected lab host's runtime wrote ({@code stats:capture} on its console)
     * to this machine, through the host's SSH session: the file is read over an exec channel into
     * {@code to}, then deleted on the host.
     *
     * @param host a connected host's name
     * @param file the capture on the host: {@value #CAPTURE_DIR}/capture-NAME.pcapng, NAME of
     *        letters, digits and dashes
     * @param to the local file to write
     * @throws IllegalArgumentException for another file name, or a host that is not connected
     * @throws java.io.IOException when the copy fails (the local file is then removed)
     */
    void fetchCapture(String host, String file, java.nio.file.Path to) throws java.io.IOException;

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
