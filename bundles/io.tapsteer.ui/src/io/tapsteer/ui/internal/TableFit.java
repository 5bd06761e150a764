package io.tapsteer.ui.internal;

import java.util.Objects;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Fits a table of short columns and one long last column into the width it gets: the short
 * columns are as wide as their header and cells, the last one takes the rest of the table (so no
 * sideways scrolling at the window's default size), and a cell whose text is cut shows its full
 * text as the tooltip of the pointer's cell, as desktop tables do. For tables of a few rows that are
 * not {@code SWT.VIRTUAL}: a virtual table's rows not yet shown are not measured.
 */
final class TableFit {

    /** The last column never gets narrower than this, however narrow the table. */
    static final int MIN_LAST_WIDTH = 120;

    private final Table table;
    private String shown;

    private TableFit(Table table) {
        this.table = table;
        table.addListener(SWT.Resize, e -> fillLast());
        table.addListener(SWT.MouseMove, this::pointAt);
        table.addListener(SWT.MouseHover, this::pointAt);
        table.addListener(SWT.MouseExit, e -> tip(null));
    }

    /** @return the fit of {@code table}; call {@link #fit()} whenever the rows' texts change */
    static TableFit of(Table table) {
        return new TableFit(table);
    }

    /** Sizes every column but the last to its header and cells, then gives the last the rest. */
    void fit() {
        TableColumn[] columns = table.getColumns();
        for (int c = 0; c < columns.length - 1; c++) {
            columns[c].pack(); // the native measure: header and every row, with the cells' own margins
        }
        fillLast();
    }

    private void fillLast() {
        TableColumn[] columns = table.getColumns();
        if (columns.length == 0) {
            return;
        }
        int used = 0;
        for (int c = 0; c < columns.length - 1; c++) {
            used += columns[c].getWidth();
        }
        columns[columns.length - 1].setWidth(Math.max(MIN_LAST_WIDTH, table.getClientArea().width - used));
    }

    private void pointAt(Event e) {
        Point at = new Point(e.x, e.y);
        TableItem item = table.getItem(at);
        String full = null;
        if (item != null) {
            for (int c = 0; c < table.getColumnCount(); c++) {
                if (item.getBounds(c).contains(at)) {
                    full = cut(item, c) ? item.getText(c) : null;
                    break;
                }
            }
        }
        tip(full);
    }

    /** @return whether the text of column {@code c} of the row is wider than the room the cell gives it */
    static boolean cut(TableItem item, int c) {
        String text = item.getText(c);
        if (text.isEmpty()) {
            return false;
        }
        Rectangle room = item.getTextBounds(c);
        GC gc = new GC(item.getParent());
        try {
            gc.setFont(item.getFont(c));
            return gc.textExtent(text).x > room.width;
        } finally {
            gc.dispose();
        }
    }

    private void tip(String text) {
        if (!Objects.equals(text, shown)) { // setting it again would restart the tooltip under the pointer
            shown = text;
            table.setToolTipText(text);
        }
    }
}
