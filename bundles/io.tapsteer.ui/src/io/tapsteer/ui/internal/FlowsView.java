package io.tapsteer.ui.internal;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.ui.LiveView;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The heaviest flows of every tracked device with the queue and lane their frames arrive on and
 * their share, exactly as the stats service's snapshot lists them (heaviest first; a count marked
 * {@code ~} may over-count by at most its error).
 */
public final class FlowsView implements LiveView {

    /**
     * One row: a flow of a device's snapshot.
     *
     * @param device the device
     * @param rank 1 for the heaviest
     * @param flow the flow
     */
    record Row(String device, int rank, FlowStats flow) {
        /** @return the cells, formatted as the shell's top-flow table formats them */
        String[] cells() {
            return new String[] { device, String.valueOf(rank), String.valueOf(flow.queue()), String.valueOf(flow.lane()),
                    flow.packets() + (flow.error() > 0 ? "~" : ""), StatsFormat.percent(flow.share()), flow.flow() };
        }
    }

    private Label status;
    private Button pause;
    private Table table;
    private List<Row> rows = List.of();

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        pause = new Button(root, SWT.CHECK);
        pause.setText(Messages.Traffic_pause);
        table = new Table(root, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        // the flow's text last: in a narrow view it is the one cut short, never the numbers
        for (String c : new String[] { Messages.Flows_device, Messages.Flows_rank, Messages.Flows_queue, Messages.Flows_lane,
                Messages.Flows_packets, Messages.Flows_share, Messages.Flows_flow }) {
            TableColumn col = new TableColumn(table, c == Messages.Flows_flow ? SWT.LEFT : SWT.RIGHT);
            col.setText(c);
            col.setWidth(c == Messages.Flows_flow ? 320 : c == Messages.Flows_rank ? 34 : c == Messages.Flows_device ? 70 : 60);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        new Poller<>(table, TopologyView.PERIOD_MILLIS, () -> capture(Services.get().stats()), m -> {
            if (!pause.getSelection()) {
                showLabelled(m);
            }
        });
    }

    /**
     * A device's snapshot with the name the view lists it under.
     *
     * @param label {@code lab0}, or {@code lab0 @ b} for a lab host's device
     * @param stats its snapshot
     */
    record Snapshot(String label, DeviceStats stats) {
    }

    /**
     * @return one snapshot per device this runtime's stats service tracks, then those of the
     *         connected lab hosts as they last answered (off the UI thread); null when neither exists
     */
    static List<Snapshot> capture(StatsService stats) {
        List<Snapshot> remote = RemoteHosts.snapshots();
        if (stats == null && remote.isEmpty()) {
            return null;
        }
        List<Snapshot> out = new ArrayList<>();
        for (String d : stats == null ? List.<String>of() : stats.devices()) {
            try {
                out.add(new Snapshot(d, stats.snapshot(d)));
            } catch (IllegalArgumentException e) {
                // the device went away between the two calls: the next poll no longer lists it
            }
        }
        out.addAll(remote);
        return out;
    }

    /** @param snapshots one snapshot per device of this runtime, or null when no stats service runs (UI thread) */
    void show(List<DeviceStats> snapshots) {
        showLabelled(snapshots == null ? null : snapshots.stream().map(s -> new Snapshot(s.device(), s)).toList());
    }

    /** @param labelled one snapshot per device, or null when no stats service runs (UI thread) */
    void showLabelled(List<Snapshot> labelled) {
        List<Row> r = new ArrayList<>();
        List<DeviceStats> snapshots = labelled == null ? null : labelled.stream().map(Snapshot::stats).toList();
        if (labelled != null) {
            for (Snapshot s : labelled) {
                int rank = 1;
                for (FlowStats f : s.stats().topFlows()) {
                    r.add(new Row(s.label(), rank++, f));
                }
            }
        }
        rows = List.copyOf(r);
        status.setText(snapshots == null ? Messages.Flows_noStats : snapshots.isEmpty() ? Messages.Traffic_noManager
                : r.isEmpty() ? Messages.Flows_none : Messages.bind(Messages.Flows_counted, flowPackets(snapshots)));
        status.getParent().layout();
        table.setItemCount(rows.size());
        table.clearAll();
    }

    private static long flowPackets(List<DeviceStats> snapshots) {
        return snapshots.stream().mapToLong(DeviceStats::flowPackets).sum();
    }

    private void fill(TableItem item, int i) {
        if (i >= 0 && i < rows.size()) {
            item.setText(rows.get(i).cells());
        }
    }

    /** @param paused whether polls are ignored (UI thread) */
    void pause(boolean paused) {
        pause.setSelection(paused);
    }

    /** @return whether flows are listed */
    @Override
    public boolean live() {
        return !rows.isEmpty();
    }

    /** @return the rows shown */
    List<Row> rows() {
        return rows;
    }

    /** @return the table */
    Table table() {
        return table;
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
