package io.tapsteer.ui.internal;

import io.tapsteer.api.capture.WhatIfResult;
import io.tapsteer.api.capture.WhatIfResult.Candidate;
import io.tapsteer.api.capture.WhatIfService;
import io.tapsteer.stats.StatsFormat;
import io.tapsteer.ui.LiveView;
import jakarta.annotation.PostConstruct;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * What if: a capture's frames run offline through steering candidates (registered strategies,
 * checked in the list, and RSS settings in {@code rss:set}'s words, one candidate per line) by the
 * what-if service, {@code steer:whatif}'s. Bars per queue per candidate, and per candidate its
 * balance verdict, Jain index, flow order, unclassified frames and the hottest queue's top flows.
 * Nothing is deployed and no tap is touched.
 */
public final class WhatIfView implements LiveView {

    private Text file;
    private Spinner queues;
    private Table strategies;
    private Text rss;
    private Button compare;
    private Label status;
    private WhatIfBars bars;
    private Table summary;
    private WhatIfResult result;

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(4, false));
        new Label(root, SWT.NONE).setText(Messages.WhatIf_capture);
        file = new Text(root, SWT.BORDER);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Button browse = new Button(root, SWT.PUSH);
        browse.setText(Messages.Capture_browse);
        browse.addListener(SWT.Selection, e -> browse());
        new Label(root, SWT.NONE).setText(Messages.WhatIf_queues);
        queues = new Spinner(root, SWT.BORDER);
        queues.setValues(4, 1, 256, 0, 1, 4);
        queues.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));
        Label sl = new Label(root, SWT.NONE);
        sl.setText(Messages.WhatIf_strategies);
        sl.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        strategies = new Table(root, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
        GridData sd = new GridData(SWT.FILL, SWT.FILL, true, false);
        sd.heightHint = 90;
        strategies.setLayoutData(sd);
        Label rl = new Label(root, SWT.NONE);
        rl.setText(Messages.WhatIf_rss);
        rl.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        rss = new Text(root, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL);
        GridData rd = new GridData(SWT.FILL, SWT.FILL, true, false);
        rd.heightHint = 90;
        rss.setLayoutData(rd);
        rss.setToolTipText(Messages.WhatIf_rssHint);
        compare = new Button(root, SWT.PUSH);
        compare.setText(Messages.WhatIf_compare);
        compare.addListener(SWT.Selection, e -> compare());
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        bars = new WhatIfBars(root);
        GridData bd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        bd.heightHint = 160;
        bars.control().setLayoutData(bd);
        summary = new Table(root, SWT.BORDER | SWT.FULL_SELECTION);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        td.heightHint = 110;
        summary.setLayoutData(td);
        summary.setHeaderVisible(true);
        summary.setLinesVisible(true);
        for (String c : Columns.TITLES) {
            TableColumn col = new TableColumn(summary, SWT.LEFT);
            col.setText(c);
            col.setWidth(c == Messages.WhatIf_colNote ? 260 : 100);
        }
        new Poller<>(strategies, TopologyView.PERIOD_MILLIS,
                () -> Services.get().strategies().stream().map(Services.Strategy::name).toList(), this::showStrategies);
    }

    /** The summary table's columns, in order. */
    static final class Columns {
        static final String[] TITLES = { Messages.WhatIf_colCandidate, Messages.WhatIf_colBalance, Messages.WhatIf_colJain,
                Messages.WhatIf_colFlowOrder, Messages.WhatIf_colUnclassified, Messages.WhatIf_colErrors, Messages.WhatIf_colHottest,
                Messages.WhatIf_colNote };

        private Columns() {
        }

        /** @return one candidate's cells, in the words steer:whatif prints */
        static String[] of(Candidate c) {
            String order = c.keepsFlowOrder() ? Messages.WhatIf_kept
                    : Messages.bind(Messages.WhatIf_broken, c.flowsSplit(), c.flows());
            String top = c.topFlows().isEmpty() ? "" : " (" + c.topFlows().get(0).strip() + ")";
            String note = c.errors() > 0 ? Messages.bind(Messages.WhatIf_errorNote, c.firstError()) : c.note();
            return new String[] { c.name(), c.balance().verdict().label(), String.format(Locale.ROOT, "%.3f", c.balance().jainIndex()),
                    order, Long.toString(c.unclassified()), Long.toString(c.errors()), c.hottestQueue() + top, note };
        }
    }

    /** Lists the registered strategies, keeping what the user checked (UI thread). */
    void showStrategies(List<String> names) {
        List<String> shown = new ArrayList<>();
        List<String> checked = checkedStrategies();
        for (TableItem i : strategies.getItems()) {
            shown.add(i.getText());
        }
        if (shown.equals(names)) {
            return;
        }
        strategies.removeAll();
        for (String n : names) {
            TableItem i = new TableItem(strategies, SWT.NONE);
            i.setText(n);
            i.setChecked(checked.contains(n));
        }
    }

    /** @return the strategies checked, in list order */
    List<String> checkedStrategies() {
        List<String> out = new ArrayList<>();
        for (TableItem i : strategies.getItems()) {
            if (i.getChecked()) {
                out.add(i.getText());
            }
        }
        return out;
    }

    /** @return the RSS candidates: one line of rss:set words each, blank lines left out */
    List<String> rssCandidates() {
        List<String> out = new ArrayList<>();
        for (String line : rss.getText().split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private void browse() {
        FileDialog d = new FileDialog(file.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.pcapng;*.pcap", "*" });
        String chosen = d.open();
        if (chosen != null) {
            file.setText(chosen);
        }
    }

    /** Runs the comparison off the UI thread; the bars and the table follow, or the refusal in words. */
    void compare() {
        String path = file.getText().strip();
        if (path.isEmpty()) {
            message(Messages.WhatIf_noFile, true);
            return;
        }
        WhatIfService service = Services.get().whatIf();
        if (service == null) {
            message(Messages.WhatIf_noService, true);
            return;
        }
        List<String> names = checkedStrategies();
        List<String> settings = rssCandidates();
        int n = queues.getSelection();
        message(Messages.bind(Messages.WhatIf_running, path, n), false);
        compare.setEnabled(false);
        Background.run(status, () -> service.compare(Path.of(path), n, names, settings), (r, err) -> {
            compare.setEnabled(true);
            if (err != null) {
                message(Messages.bind(Messages.WhatIf_failed, Messages.cause(err)), true);
            } else {
                show(r);
            }
        });
    }

    /** @param r a comparison to show (UI thread) */
    void show(WhatIfResult r) {
        result = r;
        String line = Messages.bind(Messages.WhatIf_summary, new Object[] { r.capture().toString(), r.frames(), r.queues(),
                r.candidates().size() });
        if (r.truncated() > 0) {
            line += Messages.bind(Messages.WhatIf_truncated, r.truncated());
        }
        if (!r.damage().isEmpty()) {
            line += "\n" + Messages.bind(Messages.WhatIf_damage, r.damage());
        }
        message(line, !r.damage().isEmpty());
        bars.show(r);
        summary.removeAll();
        for (Candidate c : r.candidates()) {
            TableItem i = new TableItem(summary, SWT.NONE);
            i.setText(Columns.of(c));
            i.setForeground(0, bars.colorOf(r.candidates().indexOf(c)));
        }
        for (TableColumn col : summary.getColumns()) {
            col.pack(); // every cell's words in full; the table scrolls sideways when they do not fit
        }
    }

    private void message(String text, boolean error) {
        status.setText(text);
        status.setForeground(status.getDisplay().getSystemColor(error ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND));
        status.getParent().layout(true);
    }

    /** @return the share of a queue, as the shell prints it */
    static String share(Candidate c, int q) {
        return StatsFormat.percent(c.share(q));
    }

    /** @return the comparison shown, or null */
    WhatIfResult result() {
        return result;
    }

    /** @return the capture file field */
    Text file() {
        return file;
    }

    /** @return the queue count */
    Spinner queues() {
        return queues;
    }

    /** @return the strategy list (check a row to compare it) */
    Table strategies() {
        return strategies;
    }

    /** @return the RSS settings, one candidate per line */
    Text rss() {
        return rss;
    }

    /** @return the Compare button */
    Button compareButton() {
        return compare;
    }

    /** @return the status line */
    Label status() {
        return status;
    }

    /** @return the bars */
    WhatIfBars bars() {
        return bars;
    }

    /** @return the per-candidate table */
    Table summary() {
        return summary;
    }

    /** @return the view's top control, for screenshots */
    public Composite control() {
        return status.getParent();
    }

    /** @return whether strategies are listed to compare (the view needs no traffic to be ready) */
    @Override
    public boolean live() {
        return strategies.getItemCount() > 0;
    }

    /** Gives the keyboard focus to the file field. */
    @Focus
    public void focus() {
        file.setFocus();
    }
}
