package io.tapsteer.ui.rcp;

import jakarta.inject.Inject;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.PreSave;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;

/**
 * The application's life cycle: with {@code -Dtapsteer.demo=true} it starts the demo lab once the
 * workbench is up; with {@code -Dtapsteer.screenshot=FILE} it also waits until the views show the
 * lab, saves a PNG of the window and exits.
 */
public final class DemoLifeCycle {

    /** System property: start the demo lab. */
    public static final String DEMO = "tapsteer.demo";
    /** System property: where to save the window's PNG before exiting. */
    public static final String SCREENSHOT = "tapsteer.screenshot";

    private DemoLab lab;

    @Inject
    private IEventBroker broker;

    private IEclipseContext context;

    /** Registers for the end of start-up. */
    @PostContextCreate
    void started(IEclipseContext appContext) {
        context = appContext; // the application model is there once start-up completes
        startServiceBundles();
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, e -> startupComplete());
    }

    /**
     * Starts every tapsteer bundle that is installed but not started, so the service bundles of the
     * features (and any strategy bundle added later) register their DS components without a
     * start-level entry each.
     */
    private static void startServiceBundles() {
        for (Bundle b : FrameworkUtil.getBundle(DemoLifeCycle.class).getBundleContext().getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.tapsteer.") && !fragment
                    && (b.getState() == Bundle.RESOLVED || b.getState() == Bundle.INSTALLED)) {
                try {
                    b.start(Bundle.START_TRANSIENT);
                } catch (BundleException e) {
                    System.err.println("tapsteer: could not start " + b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
    }

    private void startupComplete() {
        String file = System.getProperty(SCREENSHOT);
        if (Boolean.getBoolean(DEMO) || file != null) {
            try {
                lab = DemoLab.start();
            } catch (IllegalStateException e) { // a screenshot run still saves the window (showing why) and exits
                System.err.println("tapsteer: the demo lab did not start: " + e.getMessage());
            }
        }
        if (file != null) {
            WindowScreenshot.whenLive(Display.getCurrent(), context.get(MApplication.class), lab, file);
        }
    }

    /** Stops the demo lab before the workbench saves and exits. */
    @PreSave
    void stopping(MApplication application) {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }
}
