package io.tapsteer.ui.internal;

import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssInput;

/**
 * A flow the user typed (addresses, ports, protocol) turned into an Ethernet frame that carries it,
 * or one sentence saying what is wrong and what is allowed. Only address literals are accepted
 * (never a host name: resolving one could block the UI on DNS); an IPv4-mapped IPv6 literal stays IPv6.
 *
 * @param source source address bytes (4 or 16)
 * @param destination destination address bytes, same family
 * @param sourcePort 0 to 65535
 * @param destinationPort 0 to 65535
 * @param protocol "tcp" or "udp"
 */
public record Tuple(byte[] source, byte[] destination, int sourcePort, int destinationPort, String protocol) {

    /**
     * Reads the fields with the rss bundle's {@link RssInput}, as the shell's {@code rss:hash} and
     * {@code steer:explain} do: the same forms are accepted and the same messages shown.
     *
     * @return the parsed tuple
     * @throws IllegalArgumentException saying which field is wrong and what is allowed
     */
    public static Tuple parse(String source, String sourcePort, String destination, String destinationPort, String protocol) {
        byte[] s = RssInput.address("source", source);
        byte[] d = RssInput.address("destination", destination);
        RssInput.sameFamily("source", source, s, "destination", destination, d);
        return new Tuple(s, d, RssInput.port("source port", sourcePort), RssInput.port("destination port", destinationPort),
                RssInput.protocol("protocol", protocol));
    }

    /** @return an Ethernet frame carrying this flow (as the lab's traffic source builds them) */
    public byte[] frame() {
        return FrameBuilder.flowFrame(source, destination, sourcePort, destinationPort, protocol.equals("tcp") ? FrameBuilder.TCP : FrameBuilder.UDP);
    }
}
