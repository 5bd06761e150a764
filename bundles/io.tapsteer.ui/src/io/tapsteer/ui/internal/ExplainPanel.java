package io.tapsteer.ui.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * "Why this queue?": the user types a flow (IPv4 or IPv6 addresses, ports, tcp or udp) and sees the
 * fields hashed (their bytes), the hash, the hash type, the indirection-table slot and the queue,
 * either for the RSS settings in the editor above ({@link RssEngine#explain}) or for the device's
 * active strategy ({@link SteeringStrategy#explain}). Bad input is named in words, as it is typed.
 * Explaining is pure computation on one frame: it never waits on the data path.
 */
final class ExplainPanel {

    /** Explain with the RSS editor's settings. */
    static final int WITH_RSS = 0;
    /** Explain with the device's active strategy. */
    static final int WITH_ACTIVE = 1;

    private final Group group;
    private final Text source;
    private final Text sourcePort;
    private final Text destination;
    private final Text destinationPort;
    private final Combo protocol;
    private final Combo with;
    private final Label error;
    private final Table result;
    private final Supplier<RssConfig> rss;
    private final Supplier<QueueManager> manager;
    private Explanation explanation;
    /** the lab host's device chosen, or null for one of this runtime */
    private SteeringModel.ManagerRow remote;
    /** How long typing must pause before a lab host is asked. */
    private static final int ASK_DELAY_MILLIS = 300;
    /** the latest question, so that a lab host's late answer to an older one is dropped */
    private long asked;

    ExplainPanel(Composite parent, Supplier<RssConfig> rss, Supplier<QueueManager> manager) {
        this.rss = rss;
        this.manager = manager;
        group = new Group(parent, SWT.NONE);
        group.setText(Messages.Explain_title);
        group.setLayout(new GridLayout(4, false));
        source = field(Messages.Explain_source, "192.0.2.1", 150);
        sourcePort = field(Messages.Explain_sourcePort, "10000", 60);
        destination = field(Messages.Explain_destination, "198.51.100.1", 150);
        destinationPort = field(Messages.Explain_destinationPort, "80", 60);
        new Label(group, SWT.NONE).setText(Messages.Explain_protocolLabel);
        protocol = new Combo(group, SWT.READ_ONLY);
        protocol.setItems("udp", "tcp");
        protocol.select(0);
        protocol.addListener(SWT.Selection, e -> explain());
        new Label(group, SWT.NONE).setText(Messages.Explain_with);
        with = new Combo(group, SWT.READ_ONLY);
        with.setItems(Messages.Explain_withRss, Messages.Explain_withActive);
        with.select(WITH_RSS);
        with.addListener(SWT.Selection, e -> explain());
        error = new Label(group, SWT.WRAP);
        error.setForeground(group.getDisplay().getSystemColor(SWT.COLOR_RED));
        error.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        result = new Table(group, SWT.BORDER | SWT.FULL_SELECTION);
        GridData rd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        rd.heightHint = 170;
        result.setLayoutData(rd);
        result.setHeaderVisible(true);
        TableColumn what = new TableColumn(result, SWT.LEFT);
        what.setText(Messages.Explain_what);
        what.setWidth(110);
        TableColumn value = new TableColumn(result, SWT.LEFT);
        value.setText(Messages.Explain_value);
        value.setWidth(330);
        explain();
    }

    private Text field(String label, String value, int width) {
        new Label(group, SWT.NONE).setText(label);
        Text t = new Text(group, SWT.BORDER);
        t.setText(value);
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false);
        d.widthHint = width;
        t.setLayoutData(d);
        t.addListener(SWT.Modify, e -> explain());
        return t;
    }

    /** Explains the typed flow again (on every edit, and when the RSS settings or the device change). */
    void explain() {
        explanation = null;
        List<String[]> rows = new ArrayList<>();
        try {
            Tuple tuple = Tuple.parse(source.getText(), sourcePort.getText(), destination.getText(), destinationPort.getText(),
                    protocol.getText());
            byte[] bytes = tuple.frame();
            asked++;
            if (remote != null && with.getSelectionIndex() == WITH_ACTIVE) {
                askHost(remote, asked);
                return;
            }
            explanation = with.getSelectionIndex() == WITH_ACTIVE ? withActive(bytes) : withRss(bytes);
            error.setText("");
            // the answer first (queue, slot, hash), then the bytes it was computed from
            rows.add(new String[] { "kernel".equals(explanation.path()) ? Messages.Explain_queue : Messages.Explain_lane,
                    String.valueOf(explanation.queue()) });
            rows.add(new String[] { Messages.Explain_slot, explanation.slot() < 0 ? Messages.Explain_none
                    : String.valueOf(explanation.slot()) });
            rows.add(new String[] { Messages.Explain_hash, explanation.hash() < 0 ? Messages.Explain_none
                    : String.format("0x%08x", explanation.hash()) });
            rows.add(new String[] { Messages.Explain_hashType, explanation.hashType() });
            rows.add(new String[] { Messages.Explain_strategy, explanation.strategy() + " (" + explanation.path() + ")" });
            for (Explanation.Field f : explanation.fields()) {
                rows.add(new String[] { f.name(), spaced(f.hex()) });
            }
            if (!explanation.note().isEmpty()) {
                rows.add(new String[] { Messages.Explain_note, explanation.note() });
            }
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
        }
        result.removeAll();
        for (String[] r : rows) {
            new TableItem(result, SWT.NONE).setText(r);
        }
        group.layout();
    }

    private Explanation withRss(byte[] frame) {
        RssConfig config = rss.get();
        if (config == null) {
            throw new IllegalArgumentException(Messages.Explain_rssInvalid);
        }
        return new RssEngine(config).explain(ByteBuffer.wrap(frame), 0, frame.length);
    }

    /** @param row the lab host's device chosen, or null for one of this runtime (UI thread) */
    void remote(SteeringModel.ManagerRow row) {
        if (row != remote && (row == null || !row.equals(remote))) {
            remote = row;
            explain();
        }
    }

    /**
     * A lab host's device with its active strategy: the host explains (its strategy, its settings),
     * with {@code steer:explain} on its console, off the UI thread; its answer fills the table,
     * unless the fields changed meanwhile.
     */
    private void askHost(SteeringModel.ManagerRow row, long request) {
        String device = row.device().substring(0, row.device().lastIndexOf(RemoteHosts.AT));
        List<String> words = List.of("steer:explain", "--device", device, "--src", endpoint(source, sourcePort),
                "--dst", endpoint(destination, destinationPort), "--proto", protocol.getText());
        error.setText(Messages.bind(Messages.Explain_asking, row.host()));
        result.removeAll();
        group.layout();
        // asked once typing pauses: one job on the host per question, not one per keystroke
        group.getDisplay().timerExec(ASK_DELAY_MILLIS, () -> {
            if (request == asked && !group.isDisposed()) {
                ask(row, words, request);
            }
        });
    }

    private void ask(SteeringModel.ManagerRow row, List<String> words, long request) {
        Background.run(group, () -> RemoteHosts.run(row.host(), words), (text, err) -> {
            if (request != asked) {
                return; // the fields or the device changed since: a newer answer is coming
            }
            error.setText(err == null ? "" : Messages.cause(err));
            result.removeAll();
            for (String line : err == null ? text.strip().split("\n") : new String[0]) {
                // "lane 2", "hash 0x... (tcp4)", "lab0: rss via ...": the first word, then the rest
                String l = line.strip();
                int space = l.indexOf(' ');
                new TableItem(result, SWT.NONE).setText(space < 0 ? new String[] { l, "" }
                        : new String[] { l.substring(0, space).replaceFirst(":$", ""), l.substring(space + 1).strip() });
            }
            group.layout();
        });
    }

    private Explanation withActive(byte[] bytes) {
        QueueManager m = manager.get();
        if (m == null) {
            throw new IllegalArgumentException(Messages.Explain_noManager);
        }
        String name = m.activeStrategy();
        SteeringStrategy s = Services.get().strategy(name);
        if (s == null) {
            throw new IllegalArgumentException(Messages.bind(Messages.Explain_noStrategy, name));
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        Frame frame = new Frame(null).set(buf, 0, bytes.length, 0, -1);
        return s.explain(frame, m.lanes());
    }

    /** @return ADDRESS:PORT as steer:explain takes it, an IPv6 address in brackets */
    private static String endpoint(Text address, Text port) {
        String a = address.getText().strip();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port.getText().strip();
    }

    /** "c0000201" as "c0 00 02 01": the bytes the user compares with a packet dump */
    private static String spaced(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            b.append(i == 0 ? "" : " ").append(hex, i, i + 2);
        }
        return b.toString();
    }

    /** @return the explanation shown, or null when the input is wrong */
    Explanation explanation() {
        return explanation;
    }

    /** @return the table of the answer */
    Table result() {
        return result;
    }

    /** @return the error shown, "" when the input is valid */
    String error() {
        return error.getText();
    }

    /** @return the result rows as shown: what, value */
    List<String[]> rows() {
        List<String[]> out = new ArrayList<>();
        for (TableItem i : result.getItems()) {
            out.add(new String[] { i.getText(0), i.getText(1) });
        }
        return out;
    }

    Text source() {
        return source;
    }

    Text sourcePort() {
        return sourcePort;
    }

    Text destination() {
        return destination;
    }

    Text destinationPort() {
        return destinationPort;
    }

    Combo protocol() {
        return protocol;
    }

    Combo with() {
        return with;
    }

    Composite control() {
        return group;
    }
}
