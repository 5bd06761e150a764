package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.ui.LiveView;
import io.tapsteer.ui.internal.SteeringModel.ManagerRow;
import io.tapsteer.ui.internal.SteeringModel.StrategyRow;
import jakarta.annotation.PostConstruct;
import java.util.List;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Every steering strategy service, live as bundles start and stop; one click on a strategy makes it
 * the device's active strategy. Below, the RSS editor.
 */
public final class SteeringView implements LiveView {

    /** The strategy table shows up to this many rows without scrolling; more scroll. */
    private static final int ROWS_SHOWN = 6;
    /** Narrower than this, a tab scrolls sideways rather than squeezing its fields. */
    private static final int MIN_TAB_WIDTH = 420;

    private Combo device;
    private Table table;
    private TableFit fit;
    private Label status;
    private RssEditor rss;
    private ExplainPanel explain;
    private String switched = "";
    private String switchedTo = "";
    /** whether a poll showed the strategy switched to as active (a lab host answers a poll later) */
    private boolean switchSeen;
    private SteeringModel model = new SteeringModel(List.of(), List.of());

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        new Label(root, SWT.NONE).setText(Messages.Steering_device);
        device = new Combo(root, SWT.READ_ONLY);
        device.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        device.addListener(SWT.Selection, e -> {
            show(model);
            explain.explain();
        });
        // not virtual: a handful of rows, measured natively so every column but the description fits its words
        table = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        td.heightHint = 120;
        table.setLayoutData(td);
        table.setHeaderVisible(true);
        for (String c : new String[] { Messages.Steering_active, Messages.Steering_name, Messages.Steering_order,
                Messages.Steering_kernel, Messages.Steering_description }) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c);
            col.setWidth(c == Messages.Steering_description ? 320 : c == Messages.Steering_active ? 60 : 115);
        }
        // the short columns as wide as their words, the description the rest (its full text as a tooltip when cut)
        fit = TableFit.of(table);
        table.addListener(SWT.Selection, e -> use(table.getSelectionIndex()));
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        // the RSS editor and "why this queue?" share the space below the strategies, one tab each
        TabFolder tabs = new TabFolder(root, SWT.TOP);
        GridData tabsData = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        tabsData.heightHint = 200; // takes what is left; each tab scrolls when that is too little
        tabs.setLayoutData(tabsData);
        ScrolledComposite rssScroll = scrolled(tabs);
        rss = new RssEditor(rssScroll, this::manager, this::foreign);
        ScrolledComposite explainScroll = scrolled(tabs);
        explain = new ExplainPanel(explainScroll, rss::config, this::manager);
        tab(tabs, Messages.Rss_title, rssScroll, rss.control());
        tab(tabs, Messages.Explain_title, explainScroll, explain.control());
        rss.onChange(explain::explain);
        explain.explain();
        new Poller<>(table, TopologyView.PERIOD_MILLIS, () -> SteeringModel.capture(Services.get()), this::show);
    }

    private static ScrolledComposite scrolled(TabFolder tabs) {
        ScrolledComposite s = new ScrolledComposite(tabs, SWT.V_SCROLL | SWT.H_SCROLL);
        s.setExpandHorizontal(true);
        s.setExpandVertical(true);
        return s;
    }

    private static void tab(TabFolder tabs, String title, ScrolledComposite scroll, Composite content) {
        scroll.setContent(content);
        // the content's own size is the least it needs: more shows scroll bars instead of clipping Apply
        // (at the width shown, so a long error line wraps instead of widening the tab)
        Runnable fit = () -> {
            int width = Math.max(MIN_TAB_WIDTH, scroll.getClientArea().width);
            scroll.setMinSize(MIN_TAB_WIDTH, content.computeSize(width, SWT.DEFAULT).y);
        };
        content.addListener(SWT.Resize, e -> fit.run());
        scroll.addListener(SWT.Resize, e -> fit.run());
        fit.run();
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(scroll);
    }

    /** @param m the model of one poll (UI thread) */
    void show(SteeringModel m) {
        boolean rowsChanged = !m.strategies().equals(model.strategies());
        model = m;
        String chosen = device.getText();
        String[] names = m.managers().stream().map(ManagerRow::device).toArray(String[]::new);
        if (!List.of(device.getItems()).equals(List.of(names))) {
            device.setItems(names);
        }
        int at = List.of(names).indexOf(chosen);
        device.select(at >= 0 ? at : 0);
        if (names.length == 0) {
            status.setText(Messages.Steering_noManager);
        } else if (Messages.Steering_noManager.equals(status.getText())) {
            status.setText(""); // a queue manager came up since: the hint no longer holds
        }
        table.setItemCount(m.strategies().size());
        boolean textsChanged = false;
        for (int i = 0; i < m.strategies().size(); i++) {
            textsChanged |= fill(table.getItem(i), i);
        }
        if (rowsChanged) {
            // every strategy in sight (up to ROWS_SHOWN): the tabs below scroll rather than the table
            ((GridData) table.getLayoutData()).heightHint = table.getHeaderHeight()
                    + Math.max(3, Math.min(ROWS_SHOWN, m.strategies().size())) * table.getItemHeight();
            table.getParent().layout(true);
        }
        if (textsChanged) {
            fit.fit();
        }
        ManagerRow r = row();
        for (int i = 0; i < m.strategies().size(); i++) {
            if (r != null && m.strategies().get(i).name().equals(r.active())) {
                table.setSelection(i);
            }
        }
        rss.queues(r == null ? 0 : r.queues());
        rss.remote(r == null || !r.remote() ? null : r);
        explain.remote(r == null || !r.remote() ? null : r);
        switchSeen |= r != null && switchedTo.equals(r.active());
        if (r != null && switchSeen && status.getText().equals(switched) && !switchedTo.equals(r.active())) {
            status.setText(""); // the strategy changed since (RSS Apply, the shell, a fallback): the line no longer holds
        }
    }

    private ManagerRow row() {
        int i = device.getSelectionIndex();
        return i < 0 || i >= model.managers().size() ? null : model.managers().get(i);
    }

    private QueueManager manager() {
        ManagerRow r = row();
        return r == null ? null : r.manager();
    }

    /** @return the chosen tap another process holds, or null when a queue manager's device is chosen */
    private io.tapsteer.api.tap.TapDevice foreign() {
        ManagerRow r = row();
        return r == null ? null : r.foreign();
    }

    /** @return whether a cell's text changed */
    private boolean fill(TableItem item, int i) {
        StrategyRow s = model.strategies().get(i);
        ManagerRow r = row();
        boolean active = r != null && s.name().equals(r.active());
        String[] texts = { active ? Messages.Steering_yes : "", s.name(),
                s.keepsFlowOrder() ? Messages.Steering_keepsOrder : Messages.Steering_breaksOrder,
                s.kernelForm() ? Messages.Steering_kernelYes : Messages.Steering_userOnly, s.description() };
        boolean changed = false;
        for (int c = 0; c < texts.length; c++) {
            if (!texts[c].equals(item.getText(c))) { // unchanged cells are not redrawn at every poll
                item.setText(c, texts[c]);
                changed = true;
            }
        }
        return changed;
    }

    /** Makes strategy row {@code i} the active one; the swap runs off the UI thread. */
    void use(int i) {
        QueueManager m = manager();
        if (m == null && foreign() != null) {
            status.setText(Messages.bind(Messages.Steering_foreignKernelOnly, row().device()));
            return;
        }
        if (m == null || i < 0 || i >= model.strategies().size()) {
            status.setText(Messages.Steering_noManager);
            return;
        }
        String name = model.strategies().get(i).name();
        status.setText(Messages.bind(Messages.Steering_switching, name));
        status.setForeground(status.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        String label = row().device(); // a lab host's device is named here, not asked for (device() does not cross)
        Background.run(status, () -> {
            m.useStrategy(name);
            return null;
        }, (v, err) -> {
            switched = Messages.bind(Messages.Steering_switched, label, name);
            switchedTo = name;
            switchSeen = false;
            status.setText(err == null ? switched : Messages.bind(Messages.Steering_switchFailed, name, Messages.cause(err)));
            status.setForeground(status.getDisplay().getSystemColor(err == null ? SWT.COLOR_WIDGET_FOREGROUND : SWT.COLOR_RED));
        });
    }

    /** @return the model shown */
    SteeringModel model() {
        return model;
    }

    /** @return the strategy table */
    Table table() {
        return table;
    }

    /** @return the device choice: queue managers' devices, then taps other processes hold */
    Combo device() {
        return device;
    }

    /** @return the status line */
    Label status() {
        return status;
    }

    /** @return the "why this queue?" panel */
    ExplainPanel explain() {
        return explain;
    }

    /** @return whether a queue manager is listed with its active strategy */
    @Override
    public boolean live() {
        return !model.managers().isEmpty();
    }

    /** @return the RSS editor */
    RssEditor rss() {
        return rss;
    }

    /** @return the view's top control, for screenshots */
    public Composite control() {
        return table.getParent();
    }

    /** Gives the keyboard focus to the strategy table. */
    @Focus
    public void focus() {
        table.setFocus();
    }
}
