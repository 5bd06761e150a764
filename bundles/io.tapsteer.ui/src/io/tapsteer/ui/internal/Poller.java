package io.tapsteer.ui.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.swt.widgets.Control;

/**
 * Takes a snapshot model off the UI thread at a fixed period and hands it to a view on the UI
 * thread. Reading kernel counters may wait on a namespace thread: that wait never lands on the UI.
 * Stops itself when the view's control is disposed.
 */
public final class Poller<T> {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tapsteer-ui-poll");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> task;

    /**
     * @param control the view's control; polling ends when it is disposed
     * @param periodMillis how often
     * @param snapshot takes the model (off the UI thread)
     * @param show shows it (on the UI thread, only while the control lives)
     */
    public Poller(Control control, long periodMillis, Supplier<T> snapshot, Consumer<T> show) {
        var display = control.getDisplay();
        task = TIMER.scheduleWithFixedDelay(() -> {
            if (display.isDisposed()) {
                return;
            }
            T model;
            try {
                model = snapshot.get();
            } catch (RuntimeException e) {
                return; // a device closed between two reads: the next poll sees the new state
            }
            display.asyncExec(() -> {
                if (control.isDisposed()) {
                    return;
                }
                show.accept(model);
            });
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        control.addDisposeListener(e -> task.cancel(false));
    }

    /** Stops polling. */
    public void stop() {
        task.cancel(false);
    }
}
