package io.tapsteer.queue.teststrategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A frame handler that keeps every frame it is given, so the pollers' pools run empty and a test
 * can check that frames are then counted as pool drops; it gives them all back when it goes.
 * Inert until configuration {@value #PID} exists; its {@code tapsteer.device} property picks the
 * device, and deleting the configuration releases the frames.
 */
@Component(service = FrameHandler.class, configurationPid = RetainingHandler.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class RetainingHandler implements FrameHandler {
    /** The configuration that switches the handler on. */
    public static final String PID = "io.tapsteer.queue.teststrategy.retaining";
    /** Room for more frames than the pools of any lab device hold. */
    private static final int ROOM = 1 << 18;
    private final Frame[] kept = new Frame[ROOM];
    private int count;
    private boolean released;

    @Override
    public synchronized void onBatch(FrameBatch batch) {
        for (int i = 0; i < batch.size() && !released && count < ROOM; i++) {
            kept[count++] = batch.frame(i).retain();
        }
    }

    /** Gives back every frame kept; frames arriving later are not kept. */
    @Deactivate
    synchronized void release() {
        released = true;
        for (int i = 0; i < count; i++) {
            kept[i].release();
            kept[i] = null;
        }
        count = 0;
    }
}
