package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.EthtoolText;
import io.tapsteer.rss.RssInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one reader of typed RSS input: every key form any front end accepted reads to the same bytes,
 * and every refusal says what was wrong and what is allowed.
 */
class RssInputTest {
    private static final String FORMS = "give hex bytes, plain (6d5a56da...) or separated by colons or spaces"
            + " (6d:5a:56:da:...; one or two digits a byte between separators)";
    private static final String ADDRESS = "give IPv4 (192.0.2.1) or IPv6 (2001:db8::1), no host names";

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "6d:5a:56:da",          // ethtool -x, the configuration's own form
        "6D:5A:56:DA",
        "6d5a56da",             // plain, as rss:hash --key took it
        "6d5a 56da",            // spaces, as the desktop editor took it
        "6d 5a 56 da",
        "6d : 5a:56 :da",
        "6d5a:56da",
        "'  6d:5a:56:da  '",
    })
    void everyKeyFormReadsToTheSameBytes(String text) {
        assertArrayEquals(new byte[] {0x6d, 0x5a, 0x56, (byte) 0xda}, RssInput.key(text));
    }

    @Test
    void aSingleDigitBetweenSeparatorsIsOneByteAsEthtoolPrintsIt() {
        assertArrayEquals(new byte[] {0x0a, (byte) 0xff, 0x05}, RssInput.key("a:ff:5"));
        assertArrayEquals(new byte[] {0x0a, 0x0b}, RssInput.key("a b"));
    }

    @Test
    void theDefaultKeyRoundTripsThroughEthtoolText() {
        assertArrayEquals(RssConfig.DEFAULT_KEY, RssInput.key(EthtoolText.formatKey(RssConfig.DEFAULT_KEY)));
        assertArrayEquals(RssConfig.DEFAULT_KEY, RssInput.key(java.util.HexFormat.of().formatHex(RssConfig.DEFAULT_KEY)));
    }

    @Test
    void badKeysSayWhatIsWrongAndWhatIsAllowed() {
        assertEquals("key '' is not hex bytes: it is empty; " + FORMS, message(() -> RssInput.key("  ")));
        assertEquals("key '6d5a5' is not hex bytes: 5 digits, an odd number; " + FORMS, message(() -> RssInput.key("6d5a5")));
        assertEquals("key '6d:5a5:6' is not hex bytes: '5a5' has 3 digits, an odd number; " + FORMS,
                message(() -> RssInput.key("6d:5a5:6")));
        assertEquals("key '6d:5g:56' is not hex bytes: 'g' in '5g' is not a hex digit (0-9, a-f); " + FORMS,
                message(() -> RssInput.key("6d:5g:56")));
        assertEquals("key '6d::56' is not hex bytes: byte 2 is missing (two separators in a row, or one at an end); " + FORMS,
                message(() -> RssInput.key("6d::56")));
        assertEquals("key '6d:5a:' is not hex bytes: byte 3 is missing (two separators in a row, or one at an end); " + FORMS,
                message(() -> RssInput.key("6d:5a:")));
        assertEquals("key '0x6d5a' is not hex bytes: 'x' in '0x6d5a' is not a hex digit (0-9, a-f); " + FORMS,
                message(() -> RssInput.key("0x6d5a")));
    }

    @Test
    void addressesAreLiteralsAndKeepTheTypedFamily() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, RssInput.address("source", " 192.0.2.1 "));
        assertEquals(16, RssInput.address("source", "2001:db8::1").length);
        byte[] mapped = RssInput.address("source", "::ffff:192.0.2.1");
        assertEquals(16, mapped.length, "an IPv4-mapped IPv6 literal is an IPv6 address");
        assertEquals((byte) 0xff, mapped[10]);
        assertEquals((byte) 192, mapped[12]);
    }

    @Test
    void badAddressesAreRefusedWithoutALookup() {
        assertEquals("source '192.0.2.300' is not an IP address: " + ADDRESS, message(() -> RssInput.address("source", "192.0.2.300")));
        assertEquals("destination 'example.org' is not an IP address: " + ADDRESS,
                message(() -> RssInput.address("destination", "example.org")));
        assertEquals("source '1.2.3' is not an IP address: " + ADDRESS, message(() -> RssInput.address("source", "1.2.3")));
        assertEquals("source '2001:db8:::1' is not an IP address: " + ADDRESS, message(() -> RssInput.address("source", "2001:db8:::1")));
        // text InetAddress would not take as a literal (not starting with a hex digit or ':') is refused before it
        assertEquals("source '.1::2' is not an IP address: " + ADDRESS, message(() -> RssInput.address("source", ".1::2")));
        assertEquals("source 192.0.2.1 and destination 2001:db8::1 are of different families: give two IPv4 or two IPv6 addresses",
                message(() -> RssInput.sameFamily("source", "192.0.2.1", new byte[4], "destination", "2001:db8::1", new byte[16])));
    }

    @Test
    void portsAreZeroTo65535() {
        assertEquals(0, RssInput.port("source port", "0"));
        assertEquals(65535, RssInput.port("source port", " 65535 "));
        assertEquals("source port 65536 is out of range: use 0 to 65535", message(() -> RssInput.port("source port", "65536")));
        assertEquals("source port 65536 is out of range: use 0 to 65535", message(() -> RssInput.port("source port", 65536)));
        assertEquals("destination port 'http' is not a port number: use 0 to 65535", message(() -> RssInput.port("destination port", "http")));
        assertEquals("destination port '-1' is not a port number: use 0 to 65535", message(() -> RssInput.port("destination port", "-1")));
    }

    @Test
    void endpointsTakeIpv4AndBracketedIpv6() {
        RssInput.Endpoint v4 = RssInput.endpoint("--src", "192.0.2.1:80");
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, v4.address());
        assertEquals(80, v4.port());
        RssInput.Endpoint v6 = RssInput.endpoint("--dst", "[2001:db8::1]:443");
        assertEquals(16, v6.address().length);
        assertEquals(443, v6.port());
        assertEquals("--dst '2001:db8::1:443': put an IPv6 address in brackets: use 192.0.2.1:80 or [2001:db8::1]:80",
                message(() -> RssInput.endpoint("--dst", "2001:db8::1:443")));
        assertEquals("--src '192.0.2.1' has no port: use 192.0.2.1:80 or [2001:db8::1]:80", message(() -> RssInput.endpoint("--src", "192.0.2.1")));
        assertEquals("--src '[2001:db8::1]' has no port: use 192.0.2.1:80 or [2001:db8::1]:80",
                message(() -> RssInput.endpoint("--src", "[2001:db8::1]")));
        assertEquals("--src port 70000 is out of range: use 0 to 65535", message(() -> RssInput.endpoint("--src", "192.0.2.1:70000")));
        assertEquals("--src '999.0.2.1' is not an IP address: " + ADDRESS, message(() -> RssInput.endpoint("--src", "999.0.2.1:80")));
    }

    @Test
    void protocolsAndQueues() {
        assertEquals("tcp", RssInput.protocol("protocol", " TCP "));
        assertEquals("udp", RssInput.protocol("--proto", "udp"));
        assertEquals("--proto 'sctp' is unknown: use tcp or udp", message(() -> RssInput.protocol("--proto", "sctp")));
        assertEquals(3, RssInput.queue("unclassified queue", " 3 "));
        assertEquals("unclassified queue '-1' is not a queue number: use a whole number, 0 or more",
                message(() -> RssInput.queue("unclassified queue", "-1")));
    }
}
