package io.tapsteer.ui.rcp;

import io.tapsteer.ui.LiveView;
import io.tapsteer.ui.WindowCapture;
import java.util.List;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Saves a PNG of the workbench window once every view shows live traffic of the demo lab (the
 * topology, queue traffic and flows views show frames arriving, the steering view the running
 * device, the Lab panel the sending source), then exits. Views in a stack that is not in front are
 * created first so they can say so too. Waits at most {@link #MAX_WAIT_MILLIS}; a lab that never
 * comes up still gets its screenshot (showing why), and the exit code says so.
 */
final class WindowScreenshot {

    /** Longest wait for every view to show the lab. */
    static final long MAX_WAIT_MILLIS = 40_000;
    /** Extra time once every view is live, so the rate chart has a few seconds of history. */
    static final long SETTLE_MILLIS = 15_000;
    private static final int POLL_MILLIS = 250;

    private WindowScreenshot() {
    }

    static void whenLive(Display display, MApplication application, DemoLab lab, String file) {
        long start = System.currentTimeMillis();
        Runnable check = new Runnable() {
            @Override
            public void run() {
                List<MPart> parts = parts(application);
                List<String> waiting = parts.stream().filter(p -> !(p.getObject() instanceof LiveView v && v.live()))
                        .map(MPart::getLabel).toList();
                long waited = System.currentTimeMillis() - start;
                if (lab != null && !parts.isEmpty() && waiting.isEmpty()) {
                    display.timerExec((int) SETTLE_MILLIS, () -> saveAndExit(display, lab, file, 0));
                } else if (waited > MAX_WAIT_MILLIS) {
                    System.err.println("tapsteer: after " + MAX_WAIT_MILLIS / 1000 + " s these views still show no live traffic: "
                            + waiting + "; saving the window as it is");
                    saveAndExit(display, lab, file, 1);
                } else {
                    display.timerExec(POLL_MILLIS, this);
                }
            }
        };
        createHiddenParts(application);
        display.timerExec(POLL_MILLIS, check);
    }

    /** @return the tapsteer views of the application model */
    private static List<MPart> parts(MApplication application) {
        EModelService models = application.getContext().get(EModelService.class);
        return models.findElements(application, null, MPart.class, null).stream()
                .filter(p -> p.getContributionURI() != null && p.getContributionURI().startsWith("bundleclass://io.tapsteer.ui/")).toList();
    }

    /** Creates the views that sit behind another tab, without bringing them to the front. */
    private static void createHiddenParts(MApplication application) {
        MWindow window = application.getSelectedElement() != null ? application.getSelectedElement()
                : application.getChildren().get(0);
        EPartService partService = window.getContext().get(EPartService.class);
        for (MPart p : parts(application)) {
            if (p.getObject() == null) {
                partService.showPart(p, EPartService.PartState.CREATE);
            }
        }
    }

    private static void saveAndExit(Display display, DemoLab lab, String file, int code) {
        Shell shell = display.getActiveShell() != null ? display.getActiveShell() : display.getShells()[0];
        int exit = code;
        try {
            save(shell, file);
            System.out.println("tapsteer: saved " + file);
        } catch (RuntimeException e) { // the lab still goes and the run still ends, saying why there is no file
            System.err.println("tapsteer: no screenshot: " + e.getMessage());
            exit = 1;
        } finally {
            if (lab != null) {
                lab.close(); // deletes the demo tap and its namespace
            }
        }
        // skip the workbench's own shutdown: it would save a layout this one-shot run must not leave
        System.exit(exit);
    }

    /** Saves the window's content (its client area, fully painted) as a PNG: see {@link WindowCapture}. */
    static void save(Shell shell, String file) {
        WindowCapture.save(shell, file);
    }
}
