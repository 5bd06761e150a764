package io.tapsteer.ui.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Widget;

/**
 * Where the views run work that may block (creating or closing a device, waiting for traffic,
 * applying a strategy): a thread of its own per task. Not the common pool: on a machine with two
 * CPUs it has one worker (Java 21+ also uses it for async tasks there), so a create that waits
 * would hold back a Close the user asks for meanwhile.
 */
public final class Background {
    /** Starts each task on a new daemon thread. */
    public static final Executor TASKS = task -> {
        Thread t = new Thread(task, "tapsteer-ui-task");
        t.setDaemon(true);
        t.start();
    };

    private Background() {
    }

    /**
     * Runs a task on {@link #TASKS}, then gives its result (or its failure) to {@code onUi} on the UI
     * thread, unless the widget (or the whole display) went away meanwhile: the user may close a view
     * while its task still runs. Call on the UI thread.
     *
     * @param widget the widget that shows the outcome
     * @param task the work that may block
     * @param onUi takes the result, or null and the failure
     */
    static <T> void run(Widget widget, Supplier<T> task, BiConsumer<? super T, Throwable> onUi) {
        Display display = widget.getDisplay();
        CompletableFuture.supplyAsync(task, TASKS).whenComplete((result, err) -> {
            if (display.isDisposed()) {
                return;
            }
            try {
                display.asyncExec(() -> {
                    if (!widget.isDisposed()) {
                        onUi.accept(result, err);
                    }
                });
            } catch (SWTException e) { // the display went between the check and the call
                if (e.code != SWT.ERROR_DEVICE_DISPOSED) {
                    throw e;
                }
            }
        });
    }
}
