package io.tapsteer.shell;

import io.tapsteer.api.capture.CaptureService;
import io.tapsteer.api.capture.CaptureSummary;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link CaptureService}: the capture {@code stats:capture} makes, for the desktop views and other
 * bundles, with the same bounds and the same words.
 */
@Component(service = CaptureService.class)
public final class CaptureServiceComponent implements CaptureService {
    @Reference
    private ConfigurationAdmin configurationAdmin;
    private BundleContext context;
    private Services services;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        services = new Services(ctx);
    }

    @Override
    public CaptureSummary capture(String device, String queues, int seconds, long frames, int snaplen, Path file) {
        CaptureCommands.checkBounds(seconds, frames, snaplen);
        try {
            return CaptureCommands.run(context, services, configurationAdmin, device == null ? "" : device, queues == null ? "" : queues,
                    seconds, frames, snaplen, file);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
