package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import java.io.File;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * "Why this queue?" wired to the RSS editor as in the steering view: for a typed tuple it shows the
 * fields, hash, type, slot and queue that {@link RssEngine} computes for a frame of that flow; bad
 * input is refused in words.
 */
class ExplainPanelTest {

    private static String value(ExplainPanel panel, String what) {
        return panel.rows().stream().filter(r -> r[0].equals(what)).map(r -> r[1]).findFirst().orElse("<no row " + what + ">");
    }

    private static Explanation expected(RssConfig config, byte[] frame) {
        return new RssEngine(config).explain(ByteBuffer.wrap(frame), 0, frame.length);
    }

    private static void type(ExplainPanel p, String src, String sport, String dst, String dport, String proto) {
        p.source().setText(src);
        p.sourcePort().setText(sport);
        p.destination().setText(dst);
        p.destinationPort().setText(dport);
        p.protocol().select(proto.equals("udp") ? 0 : 1);
        p.explain();
    }

    private static void assertShows(ExplainPanel panel, Explanation e) {
        assertEquals("", panel.error());
        assertEquals(String.format("0x%08x", e.hash()), value(panel, "hash"));
        assertEquals(e.hashType(), value(panel, "hash type"));
        assertEquals(String.valueOf(e.slot()), value(panel, "table slot"));
        assertEquals(String.valueOf(e.queue()), value(panel, e.target()), "the row says lane or queue as the path does");
        for (Explanation.Field f : e.fields()) {
            assertEquals(f.hex(), value(panel, f.name()).replace(" ", ""), "bytes of " + f.name());
        }
    }

    @Test
    void showsTheFieldsHashSlotAndQueueRssComputesForATuple() throws Exception {
        Shell shell = Ui.shell(700, 700);
        shell.setLayout(new GridLayout(1, false));
        try {
            RssEditor editor = new RssEditor(shell, () -> null);
            ExplainPanel panel = new ExplainPanel(shell, editor::config, () -> null);
            editor.onChange(panel::explain);
            editor.queues(4);
            shell.layout();
            RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, 4), 0, true);

            type(panel, "192.0.2.10", "1234", "203.0.113.5", "443", "tcp");
            byte[] v4 = new FrameBuilder().reset().ipv4(InetAddress.getByName("192.0.2.10").getAddress(),
                    InetAddress.getByName("203.0.113.5").getAddress()).tcp(1234, 443).build();
            Explanation e4 = expected(config, v4);
            assertEquals("tcp4", e4.hashType());
            assertEquals(4, e4.fields().size());
            assertShows(panel, e4);
            assertEquals("c0 00 02 0a", value(panel, "src-ipv4"), "the source address bytes as hashed");

            type(panel, "2001:db8::1", "5353", "2001:db8:0:1::2", "53", "udp");
            byte[] v6 = new FrameBuilder().reset().ipv6(InetAddress.getByName("2001:db8::1").getAddress(),
                    InetAddress.getByName("2001:db8:0:1::2").getAddress()).udp(5353, 53).build();
            Explanation e6 = expected(config, v6);
            assertEquals("udp6", e6.hashType());
            assertShows(panel, e6);

            // the panel follows the editor: every slot on queue 3 puts the same tuple on queue 3
            editor.tableSpec().setText("start 3 equal 1");
            assertEquals("", editor.error(), editor.error());
            assertEquals("3", value(panel, "lane"), "the edited table decides: " + panel.rows().size() + " rows");
            Ui.pumpUntil(() -> false, 300); // let the shell paint before it is printed
            File png = Ui.screenshot(shell, "explain");
            assertTrue(png.length() > 1000, "screenshot written: " + png);
        } finally {
            shell.dispose();
        }
    }

    @Test
    void badInputShowsAnErrorInWordsAndNoExplanation() {
        Shell shell = Ui.shell(700, 500);
        try {
            RssEditor editor = new RssEditor(shell, () -> null);
            editor.queues(4);
            ExplainPanel panel = new ExplainPanel(shell, editor::config, () -> null);
            type(panel, "192.0.2.300", "1234", "203.0.113.5", "443", "tcp");
            assertTrue(panel.error().contains("'192.0.2.300' is not an IP address"), panel.error());
            assertTrue(panel.error().contains("192.0.2.1") && panel.error().contains("2001:db8::1"), "says what is allowed: " + panel.error());
            assertEquals(List.of(), panel.rows(), "no explanation for a bad tuple");

            type(panel, "192.0.2.1", "70000", "203.0.113.5", "443", "tcp");
            assertTrue(panel.error().contains("port 70000 is out of range") && panel.error().contains("0 to 65535"), panel.error());

            type(panel, "192.0.2.1", "1", "2001:db8::1", "443", "udp");
            assertTrue(panel.error().contains("different families"), panel.error());

            type(panel, "example.org", "1", "203.0.113.5", "443", "udp");
            assertTrue(panel.error().contains("no host names"), panel.error());

            type(panel, "192.0.2.1", "1", "203.0.113.5", "443", "udp");
            assertEquals("", panel.error(), "valid again");
            assertTrue(panel.rows().size() >= 5, "explained again");
        } finally {
            shell.dispose();
        }
    }
}
