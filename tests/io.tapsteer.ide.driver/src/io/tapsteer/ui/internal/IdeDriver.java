package io.tapsteer.ui.internal;

import java.nio.file.Path;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * Started by io.tapsteer.ide.starter's startup extension: starts the IDE install test's steps ({@link IdeRun}) on the UI thread once the workbench is up,
 * when the IDE was started with {@code -Dtapsteer.ide.report=FOLDER}; otherwise does nothing.
 */
public final class IdeDriver implements IStartup {
    /** System property: the folder for the report and the screenshot; the run closes the IDE at the end. */
    public static final String REPORT = "tapsteer.ide.report";

    @Override
    public void earlyStartup() {
        String folder = System.getProperty(REPORT);
        if (folder == null || folder.isBlank()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        workbench.getDisplay().asyncExec(() -> new IdeRun(workbench, Path.of(folder)).start());
    }
}
