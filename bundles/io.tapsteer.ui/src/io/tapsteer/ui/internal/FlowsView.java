package io.tapsteer.ui.internal;

import jakarta.annotation.PostConstruct;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * Top flows with their queue and share. The rows come from the stats service's top-flow snapshot;
 * until a stats service is registered the view says so.
 */
public final class FlowsView {

    private Table table;

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Label status = new Label(root, SWT.WRAP);
        status.setText(Messages.Flows_noStats);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        table = new Table(root, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        for (String c : new String[] { Messages.Flows_flow, Messages.Flows_queue, Messages.Flows_packets, Messages.Flows_share }) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c);
            col.setWidth(c == Messages.Flows_flow ? 320 : 90);
        }
    }

    /** @return the view's top control */
    public Composite control() {
        return table.getParent();
    }

    /** Gives the keyboard focus to the table. */
    @Focus
    public void focus() {
        table.setFocus();
    }
}
