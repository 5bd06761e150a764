package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tapsteer.api.inventory.TapInventory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
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
        JsonObject tap = null;
        for (JsonElement t : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("taps")) {
            if (t.getAsJsonObject().get("name").getAsString().equals("scanme0")) {
                tap = t.getAsJsonObject();
            }
        }
        assertNotNull(tap, json);
        assertEquals(List.of("netns", "netns_inode", "name", "ifindex", "type", "multi_queue", "vnet_hdr", "persist", "numqueues",
                "numdisabled", "owner", "group", "txqueuelen", "master", "up", "holders", "driven", "steering"), List.copyOf(tap.keySet()));
        assertFalse(tap.get("netns").getAsString().isEmpty(), json);
        assertTrue(tap.get("netns_inode").getAsLong() > 0, json);
        assertTrue(tap.get("ifindex").getAsInt() > 0, json);
        assertEquals("tap", tap.get("type").getAsString());
        assertTrue(tap.get("multi_queue").getAsBoolean());
        assertFalse(tap.get("vnet_hdr").getAsBoolean());
        assertFalse(tap.get("persist").getAsBoolean());
        assertEquals(4, tap.get("numqueues").getAsInt());
        assertEquals(0, tap.get("numdisabled").getAsInt());
        assertEquals(-1, tap.get("owner").getAsLong());
        assertEquals(-1, tap.get("group").getAsLong());
        assertTrue(tap.get("txqueuelen").getAsInt() >= 0, json);
        assertEquals("", tap.get("master").getAsString());
        assertTrue(tap.get("up").getAsJsonPrimitive().isBoolean(), json);
        assertTrue(tap.get("driven").getAsBoolean());
        assertTrue(tap.get("steering").isJsonNull(), json);
        JsonArray holders = tap.getAsJsonArray("holders");
        assertEquals(4, holders.size(), json);
        for (JsonElement h : holders) {
            assertEquals(ProcessHandle.current().pid(), h.getAsJsonObject().get("pid").getAsLong(), json);
            assertTrue(h.getAsJsonObject().get("fd").getAsInt() >= 0, json);
            assertFalse(h.getAsJsonObject().get("command").getAsString().isEmpty(), json);
        }
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
