package io.tapsteer.ui.internal;

import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.ui.LiveView;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Live queue traffic of one device, exactly as the stats service reports it: per-queue rates as a
 * chart over the history ring (the last minutes), a table of counters, rates and shares, the
 * balance index and the hot-queue verdict. The numbers of one poll all come from one snapshot;
 * Pause freezes them. Capture writes the device's frames per tap queue into a pcapng file.
 */
public final class QueueTrafficView implements LiveView {

    /** How the stats service names the strategy of a tap it shows from the kernel's counters only. */
    static final String KERNEL_VIEW = "kernel view";

    private Combo device;
    private Button pause;
    private Label summary;
    private Label balance;
    private RateChart chart;
    private Table table;
    private CaptureBar capture;
    private TrafficModel model = TrafficModel.empty("");
    private volatile String wanted;
    private TapQueue selected;

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        new Label(root, SWT.NONE).setText(Messages.Traffic_device);
        device = new Combo(root, SWT.READ_ONLY);
        device.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        device.addListener(SWT.Selection, e -> wanted = device.getText());
        pause = new Button(root, SWT.CHECK);
        pause.setText(Messages.Traffic_pause);
        summary = new Label(root, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        balance = new Label(root, SWT.WRAP);
        balance.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        // a lab host's device by its label (lab0 @ b): its snapshot's own name could be a device of this runtime too
        capture = new CaptureBar(root, 3, () -> device.getText().contains(RemoteHosts.AT) || model.stats() == null ? device.getText()
                : model.stats().device(),
                () -> model.stats() != null && model.stats().strategy().startsWith(KERNEL_VIEW));
        chart = new RateChart(root);
        GridData cd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        cd.heightHint = 170;
        chart.control().setLayoutData(cd);
        table = new Table(root, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        td.heightHint = 120;
        table.setLayoutData(td);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : Columns.TITLES) {
            TableColumn col = new TableColumn(table, SWT.RIGHT);
            col.setText(c);
            col.pack();
            col.setWidth(Math.max(col.getWidth() + 8, 64));
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        new Poller<>(table, TopologyView.PERIOD_MILLIS, () -> RemoteHosts.traffic(Services.get().stats(), wanted), m -> {
            if (!pause.getSelection()) { // checked on the UI thread: a poll in flight never overwrites a paused view
                show(m);
            }
        });
    }

    /** The table's columns, in order. */
    static final class Columns {
        static final String[] TITLES = { Messages.Traffic_queue, Messages.Traffic_rxPackets, Messages.Traffic_rxBytes,
                Messages.Traffic_rxPps, Messages.Traffic_rxBps, Messages.Traffic_share, Messages.Traffic_drops,
                Messages.Traffic_fallbacks, Messages.Traffic_txPackets };

        private Columns() {
        }

        /** @return one queue's cells, formatted as the shell's stats table formats them */
        static String[] of(QueueStats q) {
            CounterSnapshot c = q.counters();
            return new String[] { String.valueOf(q.index()), Long.toString(c.rxPackets()), Long.toString(c.rxBytes()),
                    StatsFormat.si(q.rxRate().packetsPerSecond()), StatsFormat.si(q.rxRate().bitsPerSecond()),
                    StatsFormat.percent(q.share()), Long.toString(c.totalDrops()), Long.toString(c.fallbacks()),
                    Long.toString(c.txPackets()) };
        }
    }

    /** @param m the model of one poll, or one the caller made from its own snapshot (UI thread) */
    void show(TrafficModel m) {
        model = m;
        if (!List.of(device.getItems()).equals(m.devices())) {
            device.setItems(m.devices().toArray(String[]::new));
        }
        DeviceStats s = m.stats();
        if (s == null) {
            summary.setText(m.problem());
            balance.setText("");
            chart.show(List.of());
            table.setItemCount(0);
            return;
        }
        String w = wanted;
        device.select(m.devices().indexOf(w != null && m.devices().contains(w) ? w : s.device()));
        summary.setText(Messages.bind(Messages.Traffic_summary, new Object[] { s.strategy(),
                StatsFormat.si(s.rxRate().packetsPerSecond()), StatsFormat.si(s.rxRate().bitsPerSecond()),
                StatsFormat.window(s.rxRate()) }));
        Balance b = s.balance();
        // where a user-space strategy spreads the lanes differently from the queues, say so as the shell does
        balance.setText(balanceText(b) + (s.laneBalance().verdict() != b.verdict()
                ? "\n" + Messages.bind(Messages.Traffic_laneBalance, s.laneBalance().text()) : ""));
        balance.setForeground(LoadColors.verdict(balance.getDisplay(), b.verdict()));
        chart.show(m.history());
        table.setItemCount(s.queues().size());
        table.clearAll();
        for (int i = 0; i < s.queues().size(); i++) {
            if (selected != null && selected.device().name().equals(s.device()) && selected.id() == s.queues().get(i).index()) {
                table.setSelection(i);
            }
        }
        summary.getParent().layout();
    }

    /** @return the balance line: the verdict in the stats service's words, then the indices */
    static String balanceText(Balance b) {
        return Messages.bind(Messages.Traffic_balance, new Object[] { b.text(),
                String.format(Locale.ROOT, "%.2f", b.maxOverMean()), String.format(Locale.ROOT, "%.3f", b.jainIndex()),
                String.format(Locale.ROOT, "%.2f", b.coefficientOfVariation()),
                b.hotQueue() < 0 ? Messages.Traffic_noHotQueue : Messages.bind(Messages.Traffic_hotQueue, b.hotQueue()) });
    }

    private void fill(TableItem item, int i) {
        DeviceStats s = model.stats();
        if (s == null || i < 0 || i >= s.queues().size()) {
            return;
        }
        QueueStats q = s.queues().get(i);
        item.setText(Columns.of(q));
        item.setForeground(0, chart.colorOf(q.index()));
    }

    /** Highlights the queue selected in another view. */
    @Inject
    @Optional
    void selectionChanged(@Named(IServiceConstants.ACTIVE_SELECTION) TapQueue queue) {
        selected = queue;
        if (table != null && !table.isDisposed()) {
            show(model);
        }
    }

    /** @param name the device to show from the next poll on */
    void choose(String name) {
        wanted = name;
    }

    /** @return the summary line (strategy, rates, window), or why nothing is shown */
    Label summary() {
        return summary;
    }

    /** @param paused whether polls are ignored (UI thread) */
    void pause(boolean paused) {
        pause.setSelection(paused);
    }

    /** @return whether the view shows live traffic: a measured rate above zero and a history to chart */
    @Override
    public boolean live() {
        DeviceStats s = model.stats();
        return s != null && s.rxRate().packetsPerSecond() > 0 && model.history().size() >= 2;
    }

    /** @return the model shown */
    TrafficModel model() {
        return model;
    }

    /** @return the balance line */
    Label balance() {
        return balance;
    }

    /** @return the Capture row */
    CaptureBar capture() {
        return capture;
    }

    /** @return the chart */
    RateChart chart() {
        return chart;
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
