package io.tapsteer.ui.internal;

import io.tapsteer.lab.FrameBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A flow the user typed (addresses, ports, protocol) turned into an Ethernet frame that carries it,
 * or one sentence saying what is wrong and what is allowed. Only address literals are accepted
 * (never a host name: resolving one could block the UI on DNS).
 *
 * @param source source address bytes (4 or 16)
 * @param destination destination address bytes, same family
 * @param sourcePort 0 to 65535
 * @param destinationPort 0 to 65535
 * @param protocol "tcp" or "udp"
 */
public record Tuple(byte[] source, byte[] destination, int sourcePort, int destinationPort, String protocol) {

    /**
     * @return the parsed tuple
     * @throws IllegalArgumentException saying which field is wrong and what is allowed
     */
    public static Tuple parse(String source, String sourcePort, String destination, String destinationPort, String protocol) {
        byte[] s = address(Messages.Explain_source, source);
        byte[] d = address(Messages.Explain_destination, destination);
        if (s.length != d.length) {
            throw new IllegalArgumentException(Messages.bind(Messages.Explain_families, source.strip(), destination.strip()));
        }
        String p = protocol.strip().toLowerCase(Locale.ROOT);
        if (!p.equals("tcp") && !p.equals("udp")) {
            throw new IllegalArgumentException(Messages.bind(Messages.Explain_protocol, protocol.strip()));
        }
        return new Tuple(s, d, port(Messages.Explain_sourcePort, sourcePort), port(Messages.Explain_destinationPort, destinationPort), p);
    }

    private static byte[] address(String field, String text) {
        String t = text.strip();
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.indexOf(':') >= 0 && t.matches("[0-9a-fA-F:.]+");
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException(Messages.bind(Messages.Explain_address, field, t));
                }
            }
        }
        if (!v4 && !v6) {
            throw new IllegalArgumentException(Messages.bind(Messages.Explain_address, field, t));
        }
        try {
            byte[] b = InetAddress.getByName(t).getAddress(); // a literal: no lookup happens
            if (v6 && b.length == 4) { // an IPv4-mapped IPv6 literal comes back as IPv4: keep the family typed
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(Messages.bind(Messages.Explain_address, field, t));
        }
    }

    private static int port(String field, String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,5}") || Integer.parseInt(t) > 65535) {
            throw new IllegalArgumentException(Messages.bind(Messages.Explain_port, field, t));
        }
        return Integer.parseInt(t);
    }

    /** @return an Ethernet frame carrying this flow (as the lab's traffic source builds them) */
    public byte[] frame() {
        FrameBuilder b = new FrameBuilder().reset();
        if (source.length == 4) {
            b.ipv4(source, destination);
        } else {
            b.ipv6(source, destination);
        }
        if (protocol.equals("tcp")) {
            b.tcp(sourcePort, destinationPort);
        } else {
            b.udp(sourcePort, destinationPort);
        }
        return b.build();
    }
}
