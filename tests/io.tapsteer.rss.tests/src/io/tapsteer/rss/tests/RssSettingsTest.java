package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.RssSettings;
import org.junit.jupiter.api.Test;

/** Settings to configurations: re-spreading a default table, refusing a user table that no longer fits, clear errors. */
class RssSettingsTest {
    static final String KEY = EthtoolTextTest.DEFAULT_KEY;

    @Test
    void defaultTableIsReSpreadWhenTheQueueCountChanges() {
        RssSettings s = RssSettings.parse(KEY, "all", "size 8", 0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, s.configFor(4).table());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, s.configFor(3).table());
        assertFalse(s.configFor(3).userTable());
        RssConfig four = RssConfig.defaults(4);
        assertArrayEquals(RssConfig.equalTable(128, 2), four.forQueues(2).table());
    }

    @Test
    void userTableThatNoLongerFitsIsRefused() {
        RssSettings s = RssSettings.parse(KEY, "all", "equal 4", 0);
        assertTrue(s.configFor(4).userTable());
        assertArrayEquals(s.configFor(4).table(), s.configFor(8).table(), "a user table is kept as it is");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.configFor(2));
        assertEquals("the indirection table 'equal 4' uses queues 0 to 3 but the device has 2 queue(s): set a table that fits"
                + " (for example 'equal 2' or 'default') first", e.getMessage());
        RssConfig user = s.configFor(4);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> user.forQueues(3));
        assertTrue(e2.getMessage().contains("points at queue 3 but the device has 3 queues: entries must be 0 to 2"), e2.getMessage());
    }

    @Test
    void keyTooShortForTheEnabledTypesIsRefused() {
        String key16 = "01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RssSettings.parse(key16, "all", "default", 0));
        assertEquals("key of 16 bytes is too short for the enabled hash types: 40 bytes needed (tuple + 4), 40 covers all", e.getMessage());
        assertEquals(HashType.TCPv4.bit() | HashType.IPv4.bit(), RssSettings.parse(key16, "tcp4,ipv4", "default", 0).hashTypes());
    }

    @Test
    void otherBadSettingsAreRefusedWithTheRule() {
        assertTrue(message(() -> RssSettings.parse(KEY, "all", "size 48", 0)).contains("power of two"));
        assertTrue(message(() -> RssSettings.parse(KEY, "ipv4,bogus", "default", 0)).startsWith("unknown hash type 'bogus': allowed are"));
        assertTrue(message(() -> RssSettings.parse(KEY, "all", "default", -1)).contains("unclassified queue -1 is out of range"));
        RssSettings s = RssSettings.parse(KEY, "all", "default", 3);
        assertEquals("unclassified queue 3 but the device has 2 queue(s): use 0 to 1", message(() -> s.configFor(2)));
        assertTrue(message(() -> new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, new int[] {0, 1, 2}, 0, true))
                .contains("length 3 is not allowed: use a power of two from 1 to 4096"));
        assertTrue(message(() -> new RssConfig(RssConfig.DEFAULT_KEY, 0x200, new int[] {0}, 0, true)).contains("unknown bits"));
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
