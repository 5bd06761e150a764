package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.EthtoolText;
import io.tapsteer.rss.RssInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code rss:set} and {@code rss:hash} refuse bad input with the messages the desktop RSS editor and
 * "why this queue?" panel show for the same text (io.tapsteer.ui.tests SameRefusalsTest holds the
 * same strings): one parser, the rss bundle's, reads both.
 */
class SameRefusalsTest {
    private static final RssCommandsConfig.Text DEFAULTS =
            new RssCommandsConfig.Text(EthtoolText.formatKey(RssConfig.DEFAULT_KEY), "all", "default", 0);
    private final RssCommands rss = new RssCommands();

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void aKeyWithAnOddGroup() {
        assertEquals("key '6d:5a5:6' is not hex bytes: '5a5' has 3 digits, an odd number; give hex bytes, plain (6d5a56da...)"
                + " or separated by colons or spaces (6d:5a:56:da:...; one or two digits a byte between separators)",
                message(() -> RssCommands.change(DEFAULTS, "hkey", "6d:5a5:6")));
    }

    @Test
    void tablesWithBadWords() {
        assertEquals("weight needs at least one non-zero weight, as in 'weight 1 1 2'",
                message(() -> RssCommands.change(DEFAULTS, "weight", "0", "0")));
        assertEquals("equal 'x' is not a number 0 or more; allowed is [size N] [start N] (default | equal N | weight W0 W1 ...)",
                message(() -> RssCommands.change(DEFAULTS, "equal", "x")));
        assertEquals("indirection table size 48 is not allowed: use a power of two from 1 to 4096",
                message(() -> RssCommands.change(DEFAULTS, "size", "48")));
    }

    @Test
    void anUnclassifiedQueueBelowZero() {
        assertEquals("unclassified queue '-1' is not a queue number: use a whole number, 0 or more",
                message(() -> RssCommands.change(DEFAULTS, "unclassified", "-1")));
    }

    @Test
    void tuplesWithABadAddressPortOrFamily() {
        assertEquals("source '192.0.2.300' is not an IP address: give IPv4 (192.0.2.1) or IPv6 (2001:db8::1), no host names",
                message(() -> rss.hash("", "192.0.2.300", "198.51.100.1", 1, 80)));
        assertEquals("source port 70000 is out of range: use 0 to 65535",
                message(() -> rss.hash("", "192.0.2.1", "198.51.100.1", 70000, 80)));
        assertEquals("source 192.0.2.1 and destination 2001:db8::1 are of different families: give two IPv4 or two IPv6 addresses",
                message(() -> rss.hash("", "192.0.2.1", "2001:db8::1", 1, 80)));
    }

    @Test
    void goodInputIsTakenInEveryKeyFormAndStoredAsEthtoolPrintsIt() {
        RssCommandsConfig.Text t = RssCommands.change(DEFAULTS, "hkey", "6d5a 56da 255b 0ec2 4167 253d 43a3 8fb0 d0ca 2bcb"
                + " ae7b 30b4 77cb 2da3 8030 f20c 6a42 b73b beac 01fa", "equal", "2", "unclassified", "1");
        assertEquals(EthtoolText.formatKey(RssConfig.DEFAULT_KEY), t.key());
        assertEquals("equal 2", t.table());
        assertEquals(1, t.unclassifiedQueue());
        assertArrayEquals(RssConfig.DEFAULT_KEY, RssInput.key(t.key()));
    }
}
