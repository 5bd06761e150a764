package io.tapsteer.ui.internal;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.ui.LabSources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * The Lab panel's traffic source: flows, rate and mix, always bounded by a frame count and a time
 * limit, sent into a device of a private lab namespace only ({@link LabTargets}). Start and Stop
 * never wait on the UI thread; the status line follows the source at every poll.
 */
final class LabTraffic {

    private final Group group;
    private final Combo target;
    private final Spinner flows;
    private final Spinner rate;
    private final Combo mix;
    private final Spinner frames;
    private final Spinner seconds;
    private final Button start;
    private final Button stop;
    private final Label status;
    private final Label error;
    private List<TapDevice> targets = List.of();
    private final List<TrafficSource> started = new ArrayList<>();

    LabTraffic(Composite parent, Supplier<List<TapDevice>> made) {
        group = new Group(parent, SWT.NONE);
        group.setText(Messages.Lab_trafficTitle);
        group.setLayout(new GridLayout(4, false));
        new Label(group, SWT.NONE).setText(Messages.Lab_target);
        target = new Combo(group, SWT.READ_ONLY);
        target.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        flows = spinner(Messages.Lab_flows, 64, 1, 65536);
        rate = spinner(Messages.Lab_rate, 10_000, 0, 1_000_000);
        new Label(group, SWT.NONE).setText(Messages.Lab_mix);
        mix = new Combo(group, SWT.READ_ONLY);
        for (TrafficSource.Mix m : TrafficSource.Mix.values()) {
            mix.add(label(m));
        }
        mix.select(0);
        frames = spinner(Messages.Lab_frames, 1_000_000, 1, 100_000_000);
        seconds = spinner(Messages.Lab_seconds, 60, 1, 600);
        start = new Button(group, SWT.PUSH);
        start.setText(Messages.Lab_start);
        start.addListener(SWT.Selection, e -> start());
        stop = new Button(group, SWT.PUSH);
        stop.setText(Messages.Lab_stop);
        stop.addListener(SWT.Selection, e -> stop());
        status = new Label(group, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        error = new Label(group, SWT.WRAP);
        error.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        error.setForeground(group.getDisplay().getSystemColor(SWT.COLOR_RED));
        new Poller<>(group, 500, () -> LabTargets.of(Services.get(), made.get()), this::show);
    }

    private Spinner spinner(String label, int value, int min, int max) {
        new Label(group, SWT.NONE).setText(label);
        Spinner s = new Spinner(group, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 100);
        return s;
    }

    /** @return the mix as the shell's lab commands name it: "ipv4-udp", "vlan", "mixed" */
    static String label(TrafficSource.Mix m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @param t the devices traffic may go to now (UI thread) */
    void show(List<TapDevice> t) {
        targets = t;
        String chosen = target.getText();
        String[] names = t.stream().map(TapDevice::name).toArray(String[]::new);
        if (!List.of(target.getItems()).equals(List.of(names))) {
            target.setItems(names);
        }
        int at = List.of(names).indexOf(chosen);
        target.select(at >= 0 ? at : 0);
        TapDevice d = chosen();
        boolean sending = d != null && LabSources.sending(d.name());
        start.setEnabled(d != null && !sending);
        stop.setEnabled(sending);
        if (d == null) {
            status.setText(Messages.Lab_noTarget);
        } else {
            LabSources.Running r = LabSources.of(d.name());
            status.setText(r == null ? Messages.bind(Messages.Lab_idle, d.name()) : describe(r));
        }
        group.layout();
    }

    private static String describe(LabSources.Running r) {
        if (r.sending()) {
            return Messages.bind(Messages.Lab_sending, new Object[] { r.device().name(), r.source().sent(), r.settings() });
        }
        if (r.result().isCompletedExceptionally()) {
            return Messages.bind(Messages.Lab_failed, r.result().handle((v, e) -> Messages.cause(e)).getNow(""));
        }
        TrafficSource.Result res = r.result().join();
        return Messages.bind(Messages.Lab_stopped, new Object[] { r.device().name(), res.sent(),
                Math.round(res.framesPerSecond()), res.timedOut() ? Messages.Lab_timeLimit : "" });
    }

    private TapDevice chosen() {
        int i = target.getSelectionIndex();
        return i < 0 || i >= targets.size() ? null : targets.get(i);
    }

    /** Starts a bounded source on the chosen device, off the UI thread. */
    void start() {
        TapDevice d = chosen();
        TapService service = Services.get().tapService();
        if (d == null || service == null) {
            error.setText(service == null ? Messages.Lab_noTapService : Messages.Lab_noTarget);
            return;
        }
        TrafficSource.Mix m = TrafficSource.Mix.values()[Math.max(0, mix.getSelectionIndex())];
        String settings = Messages.bind(Messages.Lab_settings, new Object[] { flows.getSelection(), rate.getSelection() == 0
                ? Messages.Lab_unlimited : rate.getSelection() + " frames/s", label(m), frames.getSelection(), seconds.getSelection() });
        TrafficSource source;
        try {
            source = TrafficSource.builder(service, d).flows(flows.getSelection()).rate(rate.getSelection()).mix(m)
                    .frames(frames.getSelection()).duration(Duration.ofSeconds(seconds.getSelection())).build();
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return;
        }
        error.setText("");
        start.setEnabled(false);
        var display = group.getDisplay(); // taken on the UI thread: the panel may be disposed when the start ends
        status.setText(Messages.bind(Messages.Lab_starting, d.name()));
        CompletableFuture.runAsync(() -> {
            if (LabSources.sending(d.name())) {
                throw new IllegalStateException(Messages.bind(Messages.Lab_alreadySending, d.name()));
            }
            source.start();
            synchronized (started) {
                started.add(source);
            }
            LabSources.register(d, source, settings);
        }, Background.TASKS).whenComplete((v, err) -> {
            if (err != null && !display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!error.isDisposed()) {
                        error.setText(Messages.bind(Messages.Lab_failed, Messages.cause(err)));
                    }
                });
            }
        });
    }

    /** Asks the chosen device's source to stop after its current batch. */
    void stop() {
        TapDevice d = chosen();
        if (d != null) {
            LabSources.stop(d.name());
            status.setText(Messages.bind(Messages.Lab_stopping, d.name()));
        }
    }

    /** Stops every source this panel started (they are bounded anyway). */
    void dispose() {
        synchronized (started) {
            started.forEach(TrafficSource::stop);
        }
    }

    /** @return whether a source sends on a listed device */
    boolean live() {
        return targets.stream().anyMatch(d -> LabSources.sending(d.name()) && LabSources.of(d.name()).source().sent() > 0);
    }

    List<TapDevice> targets() {
        return targets;
    }

    Combo target() {
        return target;
    }

    Spinner flows() {
        return flows;
    }

    Spinner rate() {
        return rate;
    }

    Spinner frames() {
        return frames;
    }

    Spinner seconds() {
        return seconds;
    }

    Button startButton() {
        return start;
    }

    Button stopButton() {
        return stop;
    }

    Label status() {
        return status;
    }

    Label error() {
        return error;
    }

    Composite control() {
        return group;
    }
}
