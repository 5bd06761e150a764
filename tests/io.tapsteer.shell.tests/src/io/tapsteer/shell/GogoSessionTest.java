package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The rss commands typed into a real Gogo session (Gogo runtime, SCR and ConfigAdmin in Equinox):
 * what a user sees for bad input is the rss bundle's message, the one the desktop editor shows
 * (io.tapsteer.ui.tests SameRefusalsTest).
 */
class GogoSessionTest {
    private final BundleContext ctx = FrameworkUtil.getBundle(RssCommands.class).getBundleContext();
    private CommandSession session;

    private <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, type, null);
        t.open();
        try {
            return t.waitForService(20_000);
        } finally {
            t.close();
        }
    }

    @BeforeEach
    void open() throws Exception {
        CommandProcessor processor = await(CommandProcessor.class);
        assertNotNull(processor, "the Gogo runtime runs in the test framework");
        assertNotNull(await(RssCommands.class), "the rss: commands are registered");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, "UTF-8");
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), sink, sink);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private String refusal(String command) {
        return assertThrows(IllegalArgumentException.class, () -> session.execute(command)).getMessage();
    }

    @Test
    void aKeyWithAnOddGroupIsRefusedAsInTheEditor() {
        assertEquals("key '6d:5a5:6' is not hex bytes: '5a5' has 3 digits, an odd number; give hex bytes, plain (6d5a56da...)"
                + " or separated by colons or spaces (6d:5a:56:da:...; one or two digits a byte between separators)",
                refusal("rss:set hkey 6d:5a5:6"));
    }

    @Test
    void aTableWithoutWeightsIsRefusedAsInTheEditor() {
        assertEquals("weight needs at least one non-zero weight, as in 'weight 1 1 2'", refusal("rss:set weight 0 0"));
    }

    @Test
    void aBadAddressIsRefusedAsInTheExplainPanel() {
        assertEquals("source '192.0.2.300' is not an IP address: give IPv4 (192.0.2.1) or IPv6 (2001:db8::1), no host names",
                refusal("rss:hash 192.0.2.300 198.51.100.1 1 80"));
    }

    @Test
    void aGoodHashIsPrintedAsBefore() throws Exception {
        assertEquals("0x51ccc178", String.valueOf(session.execute("rss:hash 66.9.149.187 161.142.100.80 2794 1766")));
    }
}
