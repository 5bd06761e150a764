package io.tapsteer.ide.starter;

import org.eclipse.ui.IStartup;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Runs the driver fragment's {@code IdeDriver} (in io.tapsteer.ui's class space, where it can
 * reach the views' package) when the workbench starts; the driver itself does nothing unless the
 * IDE was started for the install test.
 */
public final class Start implements IStartup {
    @Override
    public void earlyStartup() {
        try {
            Bundle ui = null;
            for (Bundle b : FrameworkUtil.getBundle(Start.class).getBundleContext().getBundles()) {
                if ("io.tapsteer.ui".equals(b.getSymbolicName())) {
                    ui = b;
                }
            }
            if (ui == null) {
                throw new IllegalStateException("io.tapsteer.ui is not installed");
            }
            ((IStartup) ui.loadClass("io.tapsteer.ui.internal.IdeDriver").getConstructor().newInstance()).earlyStartup();
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("tapsteer ide test: the driver did not start: " + e);
        }
    }
}
