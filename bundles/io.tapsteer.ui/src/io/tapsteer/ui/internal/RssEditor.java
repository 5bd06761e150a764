package io.tapsteer.ui.internal;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.RssStrategyConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.rss.EthtoolText;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The RSS editor: hash types, key, indirection table (ethtool's equal/weight/start) and the
 * unclassified queue. It validates on every keystroke and says in words what is wrong; Apply stays
 * disabled, and nothing changes on the device, while the input is invalid.
 */
public final class RssEditor {

    /** The configuration of the "rss" strategy. */
    static final String RSS_PID = RssStrategyConfig.PID;

    private final Group group;
    private final Map<HashType, Button> types = new EnumMap<>(HashType.class);
    private final Text key;
    private final Text tableSize;
    private final Text tableSpec;
    private final Text unclassified;
    private final Label error;
    private final Button apply;
    private final Supplier<QueueManager> manager;
    /** the lab host's device chosen, or null for one of this runtime */
    private SteeringModel.ManagerRow remote;
    private final Supplier<TapDevice> foreign;
    private int queues;
    private RssForm form = new RssForm(null, null, "");
    private Runnable changed = () -> { };

    RssEditor(Composite parent, Supplier<QueueManager> manager) {
        this(parent, manager, () -> null);
    }

    /**
     * @param manager the chosen device's queue manager, or null
     * @param foreign the chosen tap another process holds, or null: Apply then attaches the RSS
     *        program to it through its holder's queue fd instead of switching a queue manager
     */
    RssEditor(Composite parent, Supplier<QueueManager> manager, Supplier<TapDevice> foreign) {
        this.manager = manager;
        this.foreign = foreign;
        group = new Group(parent, SWT.NONE);
        group.setText(Messages.Rss_title);
        group.setLayout(new GridLayout(2, false));
        new Label(group, SWT.NONE).setText(Messages.Rss_types);
        Composite boxes = new Composite(group, SWT.NONE);
        boxes.setLayout(new GridLayout(3, false)); // three a row: the editor fits a narrow column
        for (HashType t : HashType.values()) {
            Button b = new Button(boxes, SWT.CHECK);
            b.setText(t.label());
            b.setSelection(true);
            b.addListener(SWT.Selection, e -> validate());
            types.put(t, b);
        }
        key = field(Messages.Rss_key, HexFormat.of().formatHex(RssConfig.DEFAULT_KEY));
        tableSize = field(Messages.Rss_tableSizeLabel, "128");
        tableSpec = field(Messages.Rss_table, "equal 1");
        unclassified = field(Messages.Rss_unclassifiedLabel, "0");
        error = new Label(group, SWT.WRAP);
        error.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        apply = new Button(group, SWT.PUSH);
        apply.setText(Messages.Rss_apply);
        apply.addListener(SWT.Selection, e -> apply());
        validate();
    }

    private Text field(String label, String value) {
        new Label(group, SWT.NONE).setText(label);
        Text t = new Text(group, SWT.BORDER);
        t.setText(value);
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false);
        d.widthHint = 200; // the 80-digit key must not widen the whole view
        t.setLayoutData(d);
        t.addListener(SWT.Modify, e -> validate());
        return t;
    }

    /** @param n attached queues of the chosen device (0 when none) */
    void queues(int n) {
        if (n != queues) {
            queues = n;
            if (n > 0 && tableSpec.getText().strip().equals("equal 1")) {
                tableSpec.setText("equal " + n);
            }
            validate();
        }
    }

    /** Re-reads every field; shows the first error in words. */
    void validate() {
        int mask = 0;
        for (var e : types.entrySet()) {
            if (e.getValue().getSelection()) {
                mask |= e.getKey().bit();
            }
        }
        form = RssForm.parse(mask, key.getText(), tableSize.getText(), tableSpec.getText(), unclassified.getText(),
                Math.max(1, queues));
        message(form.error(), true);
        apply.setEnabled(form.valid() && queues > 0);
        group.layout();
        changed.run();
    }

    /** @param row the lab host's device chosen, or null for one of this runtime (UI thread) */
    void remote(SteeringModel.ManagerRow row) {
        remote = row;
    }

    /**
     * Writes the "rss" strategy's configuration (ConfigAdmin PID {@value #RSS_PID}, as the shell's
     * rss:set does) and makes "rss" the device's strategy, off the UI thread. The queue manager puts
     * the kernel form in place itself (the one owner of the device's steering hook) and follows later
     * changes of the configuration.
     */
    private void apply() {
        if (remote != null) {
            if (form.valid()) {
                applyRemote(remote, form);
            }
            return;
        }
        QueueManager m = manager.get();
        RssForm f = form;
        TapDevice other = foreign.get();
        if (m == null && other != null && f.valid()) {
            applyForeign(other, f);
            return;
        }
        org.osgi.service.cm.ConfigurationAdmin cm = Services.get().configurationAdmin();
        if (m == null || !f.valid()) {
            return;
        }
        if (cm == null) {
            message(Messages.bind(Messages.Rss_applyFailed, "no ConfigAdmin service runs"), true);
            return;
        }
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        // in the strategy's own text forms (colon-separated key bytes, type labels, table grammar):
        // the strategy refuses anything else and would keep its old settings
        props.put(RssStrategyConfig.KEY, EthtoolText.formatKey(f.settings().key()));
        props.put(RssStrategyConfig.HASH_TYPES, EthtoolText.formatHashTypes(f.settings().hashTypes()));
        props.put(RssStrategyConfig.TABLE, f.settings().table().toString());
        props.put(RssStrategyConfig.UNCLASSIFIED_QUEUE, f.settings().unclassifiedQueue());
        message(Messages.Rss_applying, false);
        Background.run(error, () -> {
            try {
                cm.getConfiguration(RSS_PID, "?").update(props);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!m.strategies().contains("rss")) {
                throw new IllegalStateException("no 'rss' strategy is registered: is io.tapsteer.rss running?");
            }
            m.useStrategy("rss");
            return null;
        }, (v, err) -> message(err == null ? Messages.Rss_applied : Messages.bind(Messages.Rss_applyFailed, Messages.cause(err)), err != null));
    }

    /**
     * Applies the fields to a lab host's device on that host's console, off the UI thread: its
     * {@code rss:set} with the same settings (the host's own "rss" configuration), then
     * {@code steer:use --device DEVICE rss}.
     */
    private void applyRemote(SteeringModel.ManagerRow row, RssForm f) {
        String host = row.host();
        String device = row.device().substring(0, row.device().lastIndexOf(RemoteHosts.AT));
        java.util.List<String> set = new java.util.ArrayList<>(java.util.List.of("rss:set",
                "hkey", EthtoolText.formatKey(f.settings().key()),
                "types", EthtoolText.formatHashTypes(f.settings().hashTypes()),
                "unclassified", Integer.toString(f.settings().unclassifiedQueue())));
        set.addAll(java.util.List.of(f.settings().table().toString().strip().split("\\s+")));
        message(Messages.Rss_applying, false);
        Background.run(error, () -> {
            RemoteHosts.run(host, set);
            RemoteHosts.run(host, java.util.List.of("steer:use", "--device", device, "rss"));
            return null;
        }, (v, err) -> message(err == null ? Messages.bind(Messages.Rss_appliedOnHost, host)
                : Messages.bind(Messages.Rss_applyFailed, Messages.cause(err)), err != null));
    }

    /**
     * Attaches the RSS program of the fields to a tap another process holds (through a duplicate of
     * its holder's queue fd, owner {@value TopologyView#OWNER}), off the UI thread. The "rss"
     * strategy's configuration stays as it is: it is tapsteer's own devices'.
     */
    private void applyForeign(TapDevice device, RssForm f) {
        KernelSteering k = Services.get().kernelSteering();
        if (k == null) {
            message(Messages.bind(Messages.Rss_applyFailed, Messages.Topology_noKernelSteering), true);
            return;
        }
        message(Messages.Rss_applying, false);
        Background.run(error, () -> k.attach(device, KernelProgram.rss(f.config()), TopologyView.OWNER),
                (st, err) -> message(err == null ? Messages.bind(Messages.Rss_appliedForeign, device.name(), st.program().toString())
                        : Messages.bind(Messages.Rss_applyFailed, Messages.cause(err)), err != null));
    }

    /** Shows a line under the fields: errors in red, progress and success in the normal colour. */
    private void message(String text, boolean isError) {
        error.setText(text);
        error.setForeground(group.getDisplay().getSystemColor(isError ? SWT.COLOR_RED : SWT.COLOR_WIDGET_FOREGROUND));
    }

    /** @param listener runs after every validation (UI thread) */
    void onChange(Runnable listener) {
        changed = listener;
    }

    /** @return the configuration the fields describe for the device's queues, or null while invalid */
    RssConfig config() {
        return form.config();
    }

    /** @return the message line under the fields (an error, or the outcome of Apply) */
    String error() {
        return error.getText();
    }

    /** @return the message line's widget */
    Label message() {
        return error;
    }

    /** @return whether Apply is enabled */
    boolean canApply() {
        return apply.isEnabled();
    }

    /** @return the key field */
    Text key() {
        return key;
    }

    /** @return the table field */
    Text tableSpec() {
        return tableSpec;
    }

    /** @return the table size field */
    Text tableSize() {
        return tableSize;
    }

    /** @return the unclassified queue field */
    Text unclassified() {
        return unclassified;
    }

    /** @return the Apply button */
    Button applyButton() {
        return apply;
    }

    /** @return the editor's group */
    Composite control() {
        return group;
    }
}
