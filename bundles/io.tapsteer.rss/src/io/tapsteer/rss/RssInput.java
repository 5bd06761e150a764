package io.tapsteer.rss;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one reader of what users type for RSS: keys, addresses, ports, endpoints, protocols and queue
 * numbers. The Gogo commands, the desktop editor and "why this queue?" panel, and the strategy's
 * configuration all call it, so every front end accepts the same forms and refuses bad input with
 * the same message: what was wrong, then what is allowed. The forms are listed in docs/rss.md.
 *
 * <p>Addresses are literals only: a host name would mean a DNS lookup, which neither a shell command
 * nor a keystroke in the GUI may wait for.
 */
public final class RssInput {
    /** What a key may look like, as the refusals say it. */
    public static final String KEY_FORMS = "give hex bytes, plain (6d5a56da...) or separated by colons or spaces"
            + " (6d:5a:56:da:...; one or two digits a byte between separators)";
    /** What an address may look like, as the refusals say it. */
    public static final String ADDRESS_FORMS = "give IPv4 (192.0.2.1) or IPv6 (2001:db8::1), no host names";
    /** What an endpoint may look like, as the refusals say it. */
    public static final String ENDPOINT_FORMS = "use 192.0.2.1:80 or [2001:db8::1]:80";

    private RssInput() {
    }

    /**
     * A Toeplitz key. Accepted: plain hex with an even number of digits ({@code 6d5a56da}); groups
     * separated by colons or white space ({@code 6d:5a:56:da}, {@code 6d 5a 56 da}), where a group of
     * one digit is one byte (as ethtool prints {@code a:ff}) and a group of an even number of digits is
     * that many bytes ({@code 6d5a:56da}). Refused: an empty key, a non-hex digit, an empty group,
     * a group of three or another odd number of digits (which byte would the odd digit belong to?).
     *
     * @param text the key as typed
     * @return the key bytes
     * @throws IllegalArgumentException {@code key 'TEXT' is not hex bytes: WHY; } {@link #KEY_FORMS}
     */
    public static byte[] key(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw badKey(t, "it is empty");
        }
        String[] groups = t.split("\\s*:\\s*|\\s+", -1);
        int bytes = 0;
        for (int g = 0; g < groups.length; g++) {
            String p = groups[g];
            if (p.isEmpty()) {
                throw badKey(t, "byte " + (bytes + 1) + " is missing (two separators in a row, or one at an end)");
            }
            for (int i = 0; i < p.length(); i++) {
                if (Character.digit(p.charAt(i), 16) < 0) {
                    throw badKey(t, "'" + p.charAt(i) + "' in '" + p + "' is not a hex digit (0-9, a-f)");
                }
            }
            if (p.length() > 1 && p.length() % 2 != 0) {
                throw badKey(t, groups.length == 1 ? p.length() + " digits, an odd number"
                        : "'" + p + "' has " + p.length() + " digits, an odd number");
            }
            bytes += (p.length() + 1) / 2;
        }
        byte[] key = new byte[bytes];
        int k = 0;
        for (String p : groups) {
            if (p.length() == 1) {
                key[k++] = (byte) Character.digit(p.charAt(0), 16);
            } else {
                for (int i = 0; i < p.length(); i += 2) {
                    key[k++] = (byte) (Character.digit(p.charAt(i), 16) << 4 | Character.digit(p.charAt(i + 1), 16));
                }
            }
        }
        return key;
    }

    private static IllegalArgumentException badKey(String text, String why) {
        return new IllegalArgumentException("key '" + text + "' is not hex bytes: " + why + "; " + KEY_FORMS);
    }

    /**
     * An IP address literal: dotted IPv4 (each part 0 to 255) or IPv6 text. An IPv4-mapped IPv6 literal
     * ({@code ::ffff:192.0.2.1}) stays 16 bytes: a frame with it carries IPv6 and is hashed as IPv6.
     *
     * @param what the field, as the message names it ({@code source}, {@code --src})
     * @param text the address as typed
     * @return 4 or 16 bytes
     * @throws IllegalArgumentException {@code WHAT 'TEXT' is not an IP address: } {@link #ADDRESS_FORMS}
     */
    public static byte[] address(String what, String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            byte[] b = new byte[4];
            String[] parts = t.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw badAddress(what, t);
                }
                b[i] = (byte) v;
            }
            return b;
        }
        // InetAddress takes only text starting with a hex digit or ':' as a literal; anything else it
        // would look up in DNS
        if (t.indexOf(':') < 0 || !t.matches("[0-9a-fA-F:][0-9a-fA-F:.]*")) {
            throw badAddress(what, t);
        }
        try {
            // a text with a colon is parsed as an IPv6 literal, never looked up
            byte[] b = InetAddress.getByName(t).getAddress();
            if (b.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            throw badAddress(what, t);
        }
    }

    private static IllegalArgumentException badAddress(String what, String text) {
        return new IllegalArgumentException(what + " '" + text + "' is not an IP address: " + ADDRESS_FORMS);
    }

    /**
     * @param sourceWhat the first field ({@code source}, {@code --src})
     * @param sourceText the first address as typed
     * @param source its bytes
     * @param destinationWhat the second field ({@code destination}, {@code --dst})
     * @param destinationText the second address as typed
     * @param destination its bytes
     * @throws IllegalArgumentException when one is IPv4 and the other IPv6
     */
    public static void sameFamily(String sourceWhat, String sourceText, byte[] source, String destinationWhat,
            String destinationText, byte[] destination) {
        if (source.length != destination.length) {
            throw new IllegalArgumentException(sourceWhat + " " + sourceText.strip() + " and " + destinationWhat + " "
                    + destinationText.strip() + " are of different families: give two IPv4 or two IPv6 addresses");
        }
    }

    /**
     * @param what the field ({@code source port})
     * @param text decimal digits
     * @return 0 to 65535
     * @throws IllegalArgumentException saying the port and the range
     */
    public static int port(String what, String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("\\d{1,9}")) {
            throw new IllegalArgumentException(what + " '" + t + "' is not a port number: use 0 to 65535");
        }
        return port(what, Integer.parseInt(t));
    }

    /**
     * @param what the field ({@code source port})
     * @param port the port as a number
     * @return the port
     * @throws IllegalArgumentException when it is not 0 to 65535
     */
    public static int port(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is out of range: use 0 to 65535");
        }
        return port;
    }

    /**
     * An {@code ADDRESS:PORT}: {@code 192.0.2.1:80} or {@code [2001:db8::1]:80}.
     *
     * @param what the option ({@code --src})
     * @param text the endpoint as typed
     * @return the endpoint
     * @throws IllegalArgumentException saying what is wrong; {@link #ENDPOINT_FORMS}
     */
    public static Endpoint endpoint(String what, String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0 || t.endsWith("]")) {
            throw new IllegalArgumentException(what + " '" + t + "' has no port: " + ENDPOINT_FORMS);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(what + " '" + t + "': put an IPv6 address in brackets: " + ENDPOINT_FORMS);
        }
        return new Endpoint(address(what, host), port(what + " port", t.substring(colon + 1)));
    }

    /**
     * @param what the field ({@code protocol}, {@code --proto})
     * @param text tcp or udp, in any case
     * @return "tcp" or "udp"
     * @throws IllegalArgumentException naming the two allowed
     */
    public static String protocol(String what, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("tcp") && !t.equals("udp")) {
            throw new IllegalArgumentException(what + " '" + (text == null ? "" : text.strip()) + "' is unknown: use tcp or udp");
        }
        return t;
    }

    /**
     * @param what the field ({@code unclassified queue})
     * @param text decimal digits
     * @return a queue number, 0 or more
     * @throws IllegalArgumentException when it is not a whole number, 0 or more
     */
    public static int queue(String what, String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("\\d{1,9}")) {
            throw new IllegalArgumentException(what + " '" + t + "' is not a queue number: use a whole number, 0 or more");
        }
        return Integer.parseInt(t);
    }

    /**
     * An address and a port, as {@link #endpoint} reads them.
     *
     * @param address 4 or 16 bytes
     * @param port 0 to 65535
     */
    public record Endpoint(byte[] address, int port) {
    }
}
