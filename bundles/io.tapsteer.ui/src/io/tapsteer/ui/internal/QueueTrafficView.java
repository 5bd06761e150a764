package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.tap.TapQueue;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Per-queue counters of every device a queue manager runs, as one virtual table: the numbers are
 * the queue manager's consistent counter snapshots taken at one poll, shown unchanged.
 */
public final class QueueTrafficView {

    /** One table row: a queue's counters at the poll. */
    record Row(String device, TapQueue queue, CounterSnapshot counters) {
    }

    private Table table;
    private Label status;
    private List<Row> rows = List.of();
    private TapQueue selected;

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        table = new Table(root, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : new String[] { Messages.Traffic_device, Messages.Traffic_queue, Messages.Traffic_rxPackets,
                Messages.Traffic_rxBytes, Messages.Traffic_txPackets, Messages.Traffic_txBytes, Messages.Traffic_drops,
                Messages.Traffic_fallbacks }) {
            TableColumn col = new TableColumn(table, SWT.RIGHT);
            col.setText(c);
            col.setWidth(100);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        new Poller<>(table, TopologyView.PERIOD_MILLIS, () -> capture(Services.get()), this::show);
    }

    /** @return every queue's counters, one consistent snapshot per manager */
    static List<Row> capture(Services services) {
        List<Row> out = new ArrayList<>();
        for (QueueManager m : services.managers()) {
            var device = m.device();
            for (CounterSnapshot c : m.queueCounters()) {
                TapQueue q = null;
                for (TapQueue tq : device.queues()) {
                    if (tq.id() == c.index()) {
                        q = tq;
                    }
                }
                out.add(new Row(device.name(), q, c));
            }
        }
        return List.copyOf(out);
    }

    /** @param r rows of one poll (UI thread) */
    void show(List<Row> r) {
        rows = r;
        status.setText(r.isEmpty() ? Messages.Traffic_noManager : "");
        status.getParent().layout();
        table.setItemCount(r.size());
        table.clearAll();
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).queue() != null && r.get(i).queue() == selected) {
                table.setSelection(i);
            }
        }
    }

    private void fill(TableItem item, int i) {
        if (i < 0 || i >= rows.size()) {
            return;
        }
        Row r = rows.get(i);
        CounterSnapshot c = r.counters();
        item.setText(new String[] { r.device(), String.valueOf(c.index()), Long.toString(c.rxPackets()),
                Long.toString(c.rxBytes()), Long.toString(c.txPackets()), Long.toString(c.txBytes()),
                Long.toString(c.totalDrops()), Long.toString(c.fallbacks()) });
    }

    /** Highlights the queue selected in another view. */
    @Inject
    @Optional
    void selectionChanged(@Named(IServiceConstants.ACTIVE_SELECTION) TapQueue queue) {
        selected = queue;
        if (table != null && !table.isDisposed()) {
            show(rows);
        }
    }

    /** @return the rows shown */
    List<Row> rows() {
        return rows;
    }

    /** @return the table */
    public Table control() {
        return table;
    }

    /** Gives the keyboard focus to the table. */
    @Focus
    public void focus() {
        table.setFocus();
    }
}
