package io.tapsteer.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One lab host as {@code conf/io.tapsteer.remote-NAME.cfg} describes it: where its SSH server is
 * ({@code uri = tapsteer+ssh://user@host[:port]}), the private key that logs in, the known_hosts
 * file its host key is checked against, and the loopback port its runtime manages on.
 *
 * @param name the host's name in tapsteer (the cfg file's NAME)
 * @param user the SSH user
 * @param address the SSH server's host name or address
 * @param port the SSH server's port
 * @param identity the private key file (key authentication only)
 * @param knownHosts the known_hosts file the host key must be in
 * @param managementPort the port on the host's loopback the tunnel forwards to
 * @param endpoints the file on the host listing what its runtime exports (read through SSH)
 */
public record LabHost(String name, String user, String address, int port, Path identity, Path knownHosts, int managementPort,
        String endpoints) {
    /** The factory PID of a lab host's configuration. */
    public static final String FACTORY_PID = "io.tapsteer.remote";
    /** The only URI scheme a lab host has. */
    public static final String SCHEME = "tapsteer+ssh";
    /** The loopback port a runtime manages on unless {@code managementPort} says otherwise. */
    public static final int DEFAULT_MANAGEMENT_PORT = 2543;

    private static final Pattern URI = Pattern.compile(
            "tapsteer\\+ssh://([A-Za-z_][A-Za-z0-9._-]*)@(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::([0-9]{1,5}))?/?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    /**
     * Reads a host's configuration the way it was written.
     *
     * @param name the host's name
     * @param props the configuration's properties ({@code uri}, {@code identity}, {@code knownHosts},
     *     {@code managementPort}, {@code endpoints})
     * @param where what to name in a refusal ({@code conf/io.tapsteer.remote-b.cfg})
     * @return the host
     * @throws IllegalArgumentException naming the place, the key, the value and what is allowed
     */
    public static LabHost of(String name, Map<String, ?> props, String where) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": host name '" + name
                    + "' is not allowed: 1 to 32 letters, digits, '-' or '_', starting with a letter or digit");
        }
        Object uri = props.get("uri");
        if (uri == null || uri.toString().isBlank()) {
            throw new IllegalArgumentException(where + ": uri is missing: write uri = tapsteer+ssh://root@HOST[:PORT]");
        }
        Matcher m = URI.matcher(uri.toString().strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": uri '" + uri + "' is not a lab host address: allowed is "
                    + "tapsteer+ssh://USER@HOST[:PORT] (an SSH login; no password, no path)");
        }
        int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + ": uri '" + uri + "' has port " + port + ": allowed is 1 to 65535");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        Path identity = file(props, where, "identity", Path.of(System.getProperty("user.home"), ".ssh", "id_ecdsa"));
        Path known = file(props, where, "knownHosts", Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        int mgmt = DEFAULT_MANAGEMENT_PORT;
        Object mp = props.get("managementPort");
        if (mp != null) {
            try {
                mgmt = Integer.parseInt(mp.toString().strip());
            } catch (NumberFormatException e) {
                mgmt = -1;
            }
            if (mgmt < 1 || mgmt > 65535) {
                throw new IllegalArgumentException(where + ": managementPort '" + mp + "' is not a port: allowed is 1 to 65535");
            }
        }
        Object ep = props.get("endpoints");
        String endpoints = ep == null || ep.toString().isBlank() ? defaultEndpoints(mgmt) : ep.toString().strip();
        if (!endpoints.matches("/[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException(where + ": endpoints '" + ep + "' is not allowed: an absolute path on the host "
                    + "of letters, digits, '.', '_', '-' and '/' (default " + defaultEndpoints(mgmt) + ")");
        }
        return new LabHost(name, m.group(1), host, port, identity, known, mgmt, endpoints);
    }

    /**
     * @param managementPort the port a host's runtime exports on
     * @return where that runtime lists its exported endpoints unless configured otherwise
     */
    public static String defaultEndpoints(int managementPort) {
        return "/run/tapsteer/remote-" + managementPort + ".json";
    }

    private static Path file(Map<String, ?> props, String where, String key, Path fallback) {
        Object v = props.get(key);
        Path p = v == null || v.toString().isBlank() ? fallback : Path.of(v.toString().strip());
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(where + ": " + key + " '" + p + "' is relative: allowed is an absolute file path");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException(where + ": " + key + " " + p + " is not a readable file");
        }
        return p;
    }

    /** @return {@code tapsteer+ssh://user@host[:port]} */
    public String uri() {
        String h = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return SCHEME + "://" + user + "@" + h + (port == 22 ? "" : ":" + port);
    }
}
