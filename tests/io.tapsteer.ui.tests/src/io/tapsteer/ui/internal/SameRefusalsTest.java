package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HexFormat;
import io.tapsteer.api.steering.RssConfig;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RSS editor and "why this queue?" panel, typed into on a real SWT display, show the messages
 * {@code rss:set} and {@code rss:hash} give for the same text (io.tapsteer.shell.tests
 * SameRefusalsTest holds the same strings): one parser, the rss bundle's, reads both.
 */
class SameRefusalsTest {
    private Shell shell;
    private RssEditor editor;
    private ExplainPanel panel;

    @BeforeEach
    void open() {
        shell = Ui.shell(700, 700);
        shell.setLayout(new GridLayout(1, false));
        editor = new RssEditor(shell, () -> null);
        panel = new ExplainPanel(shell, editor::config, () -> null);
        editor.onChange(panel::explain);
        editor.queues(4);
        shell.layout();
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    /** Types one field of the editor (the others valid) and returns the line under the fields. */
    private String editorSays(Text field, String text) {
        field.setText(text);
        assertFalse(editor.canApply(), "a refused entry cannot be applied");
        return editor.error();
    }

    @Test
    void aKeyWithAnOddGroup() {
        assertEquals("key '6d:5a5:6' is not hex bytes: '5a5' has 3 digits, an odd number; give hex bytes, plain (6d5a56da...)"
                + " or separated by colons or spaces (6d:5a:56:da:...; one or two digits a byte between separators)",
                editorSays(editor.key(), "6d:5a5:6"));
        editor.key().setText(HexFormat.of().formatHex(RssConfig.DEFAULT_KEY));
        assertEquals("", editor.error(), "valid again");
    }

    @Test
    void tablesWithBadWords() {
        assertEquals("weight needs at least one non-zero weight, as in 'weight 1 1 2'", editorSays(editor.tableSpec(), "weight 0 0"));
        assertEquals("equal 'x' is not a number 0 or more; allowed is [size N] [start N] (default | equal N | weight W0 W1 ...)",
                editorSays(editor.tableSpec(), "equal x"));
        editor.tableSpec().setText("equal 4");
        assertEquals("indirection table size 48 is not allowed: use a power of two from 1 to 4096", editorSays(editor.tableSize(), "48"));
    }

    @Test
    void anUnclassifiedQueueBelowZero() {
        assertEquals("unclassified queue '-1' is not a queue number: use a whole number, 0 or more", editorSays(editor.unclassified(), "-1"));
    }

    @Test
    void tuplesWithABadAddressPortOrFamily() {
        panel.source().setText("192.0.2.300");
        assertEquals("source '192.0.2.300' is not an IP address: give IPv4 (192.0.2.1) or IPv6 (2001:db8::1), no host names", panel.error());
        panel.source().setText("192.0.2.1");
        panel.destination().setText("198.51.100.1");
        panel.sourcePort().setText("70000");
        assertEquals("source port 70000 is out of range: use 0 to 65535", panel.error());
        panel.sourcePort().setText("1");
        panel.destination().setText("2001:db8::1");
        assertEquals("source 192.0.2.1 and destination 2001:db8::1 are of different families: give two IPv4 or two IPv6 addresses",
                panel.error());
        panel.destination().setText("198.51.100.1");
        assertEquals("", panel.error(), "valid again");
    }
}
