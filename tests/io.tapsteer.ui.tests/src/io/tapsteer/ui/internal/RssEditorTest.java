package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/** The RSS editor validates as the user types and shows errors in words; a bad entry cannot be applied. */
class RssEditorTest {

    @Test
    void invalidEntriesShowTheirErrorAndCannotBeApplied() {
        Shell shell = Ui.shell(700, 400);
        try {
            RssEditor editor = new RssEditor(shell, () -> null);
            editor.queues(4);
            shell.layout();
            Ui.pumpUntil(() -> false, 100);
            assertEquals("", editor.error(), "the defaults are valid");
            assertEquals("equal 4", editor.tableSpec().getText(), "the default table follows the queue count");

            editor.tableSpec().setText("equal 9");
            assertFalse(editor.error().isEmpty(), "9 queues on a 4-queue device is refused");
            assertTrue(editor.error().contains("4"), editor.error());
            assertFalse(editor.canApply());

            editor.tableSpec().setText("equal 4");
            editor.key().setText("6d5a");
            assertTrue(editor.error().contains("too short"), editor.error());
            assertFalse(editor.canApply());
            File png = Ui.screenshot(editor.control(), "rss-editor-error");
            assertTrue(png.length() > 1000, "screenshot written: " + png);

            editor.key().setText("6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa");
            assertEquals("", editor.error(), "valid again: " + editor.error());
        } finally {
            shell.dispose();
        }
    }
}
