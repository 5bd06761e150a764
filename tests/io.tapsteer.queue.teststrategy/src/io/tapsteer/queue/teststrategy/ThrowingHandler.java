package io.tapsteer.queue.teststrategy;

import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * A frame handler that throws on every batch, so a test can check that its frames are counted as
 * handler drops and the lane goes on. Inert until configuration {@value #PID} exists; its
 * {@code tapsteer.device} property picks the device, and deleting the configuration removes it.
 */
@Component(service = FrameHandler.class, configurationPid = ThrowingHandler.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ThrowingHandler implements FrameHandler {
    /** The configuration that switches the handler on. */
    public static final String PID = "io.tapsteer.queue.teststrategy.throwing";

    @Override
    public void onBatch(FrameBatch batch) {
        throw new IllegalStateException("batch of " + batch.size() + " on lane " + batch.lane() + " fails on purpose");
    }
}
