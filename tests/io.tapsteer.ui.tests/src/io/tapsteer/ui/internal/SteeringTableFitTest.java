package io.tapsteer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;

/**
 * The strategy table in the narrow layout of the application window (the steering part is a bit
 * under half of the default window's width): the short columns show their words whole, the
 * description fills the rest without sideways scrolling, and every description that is cut is
 * there in full as the tooltip of its cell.
 */
class SteeringTableFitTest {

    /** The width the steering part gets in the default window (1260 px, the right column 46 %). */
    private static final int NARROW_WIDTH = 570;
    private static final int DESCRIPTION = 4;

    private static List<String> names(Table table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            out.add(table.getItem(i).getText(1));
        }
        return out;
    }

    /** Moves the pointer (as SWT reports it) to the middle of a cell's visible part; returns the tooltip then. */
    private static String tooltipOver(Table table, TableItem item, int column) {
        Rectangle cell = item.getBounds(column).intersection(table.getClientArea());
        Event e = new Event();
        e.x = cell.x + cell.width / 2;
        e.y = cell.y + cell.height / 2;
        table.notifyListeners(SWT.MouseMove, e);
        table.notifyListeners(SWT.MouseHover, e);
        return table.getToolTipText();
    }

    @Test
    void everyStrategysFullDescriptionIsReachableInTheNarrowLayout() {
        Shell shell = Ui.shell(NARROW_WIDTH, 520);
        try {
            SteeringView view = new SteeringView();
            view.create(shell);
            shell.layout();
            Table table = view.table();
            assertTrue(Ui.pumpUntil(() -> names(table).containsAll(List.of("automq", "flow-hash", "round-robin", "rss", "single-queue")),
                    10_000), "the strategies are listed: " + names(table));
            Ui.pumpUntil(() -> false, 300); // the layout and the column fit settle

            int columnsRight = 0;
            for (int c = 0; c < table.getColumnCount(); c++) {
                columnsRight += table.getColumn(c).getWidth();
            }
            assertTrue(columnsRight <= table.getClientArea().width,
                    "no sideways scrolling: columns end at " + columnsRight + " of " + table.getClientArea().width);
            int cut = 0;
            for (int i = 0; i < table.getItemCount(); i++) {
                TableItem item = table.getItem(i);
                for (int c = 0; c < DESCRIPTION; c++) {
                    assertFalse(TableFit.cut(item, c), "row " + item.getText(1) + " column " + table.getColumn(c).getText()
                            + ": '" + item.getText(c) + "' is shown whole");
                }
                String description = view.model().strategies().get(i).description();
                assertEquals(description, item.getText(DESCRIPTION), "the row holds the strategy's own description");
                if (TableFit.cut(item, DESCRIPTION)) {
                    cut++;
                    assertEquals(description, tooltipOver(table, item, DESCRIPTION),
                            "the cut description of " + item.getText(1) + " is there in full under the pointer");
                } else {
                    assertNull(tooltipOver(table, item, DESCRIPTION), "a description shown whole needs no tooltip");
                }
                assertNull(tooltipOver(table, item, 1), "a strategy name shown whole needs no tooltip");
            }
            assertTrue(cut > 0, "the narrow layout cuts the longest descriptions (rss names its key and table), so the tooltips are tested");
            Rectangle lastRow = table.getItem(table.getItemCount() - 1).getBounds();
            Rectangle room = table.getClientArea();
            assertTrue(lastRow.y + lastRow.height <= room.y + room.height,
                    "every strategy row is in sight: the last ends at " + (lastRow.y + lastRow.height) + " of " + room);
            File png = Ui.screenshot(shell, "steering-narrow");
            assertTrue(png.length() > 1000, "screenshot written: " + png);
        } finally {
            shell.dispose();
        }
    }
}
