package io.tapsteer.shell;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An {@code ADDRESS:PORT} given on a command line ({@code 192.0.2.1:80}, {@code [2001:db8::1]:80}).
 *
 * @param address 4 or 16 bytes
 * @param port 0 to 65535
 */
record Endpoint(byte[] address, int port) {
    private static final String FORM = "use 192.0.2.1:80 or [2001:db8::1]:80";

    static Endpoint parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(option + " '" + text + "' has no port: " + FORM);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(option + " '" + text + "': put an IPv6 address in brackets: " + FORM);
        }
        if (!host.matches("[0-9a-fA-F:.]+") || !(host.contains(".") || host.contains(":"))) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an IP address and port: " + FORM);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' has no numeric port: " + FORM);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " port " + port + " is out of range: 0 to 65535");
        }
        try {
            return new Endpoint(InetAddress.getByName(host).getAddress(), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a valid address: " + FORM);
        }
    }
}
