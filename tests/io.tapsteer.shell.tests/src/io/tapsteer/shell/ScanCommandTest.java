package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.inventory.TapInventory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code tap:scan} and {@code ebpf:attach --netns} typed into a real Gogo session: a tap this
 * runtime made is listed with its four queue fds and marked driven; a foreign tap that does not
 * exist is refused in words.
 */
class ScanCommandTest {
    private final BundleContext ctx = FrameworkUtil.getBundle(ScanCommands.class).getBundleContext();
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
        assertNotNull(await(TapInventory.class), "the tap inventory runs");
        assertNotNull(await(EbpfCommands.class), "the ebpf: commands are registered");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, "UTF-8");
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), sink, sink);
    }

    @AfterEach
    void close() {
        try {
            session.execute("tap:close scanme0");
        } catch (Exception notOpen) {
            // the refusal test opens nothing
        }
        session.close();
    }

    @Test
    void aTapOfThisRuntimeIsListedWithItsQueueFds() throws Exception {
        session.execute("tap:create --queues 4 scanme0");
        String json = String.valueOf(session.execute("tap:scan --json"));
        Matcher m = Pattern.compile("\\{\"netns\":\"[^\"]+\",\"netns_inode\":\\d+,\"name\":\"scanme0\",\"ifindex\":\\d+,"
                + "\"type\":\"tap\",\"multi_queue\":true,\"vnet_hdr\":false,\"persist\":false,\"numqueues\":4,\"numdisabled\":0,"
                + "\"owner\":-1,\"group\":-1,\"txqueuelen\":\\d+,\"master\":\"\",\"up\":(true|false),\"holders\":\\[([^\\]]*)\\],"
                + "\"driven\":true,\"steering\":null\\}").matcher(json);
        assertTrue(m.find(), json);
        assertEquals(4, m.group(2).split("\\},\\{").length, m.group(2));
        String text = String.valueOf(session.execute("tap:scan"));
        assertTrue(text.lines().anyMatch(l -> l.contains("scanme0") && l.contains("4+0") && l.contains("driven")
                && l.contains("pid " + ProcessHandle.current().pid() + " fd ")), text);
    }

    @Test
    void aForeignTapThatIsNotThereIsRefusedInWords() {
        assertEquals("no tun/tap named 'nosuch0' in netns host: tap:scan lists every tun/tap in every namespace",
                assertThrows(IllegalArgumentException.class,
                        () -> session.execute("ebpf:attach --device nosuch0 --netns host rss")).getMessage());
        assertEquals("--netns 'no/such' is not a namespace: use host, a name 'ip netns list' shows, pid:N (the namespace"
                + " of process N) or the inode tap:scan prints",
                assertThrows(IllegalArgumentException.class,
                        () -> session.execute("ebpf:detach --device x0 --netns no/such")).getMessage());
    }
}
