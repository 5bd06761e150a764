package io.tapsteer.api.frame;

import io.tapsteer.api.tap.TapDevice;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The frames one poller drained in one wake-up for one lane, in arrival order. Valid only during
 * {@link FrameHandler#onBatch}; frames a handler keeps must be {@link Frame#retain() retained}.
 */
@ProviderType
public interface FrameBatch {
    /** @return the device name */
    String device();

    /**
     * @return the device these frames were read from, or null when the batch does not say (the
     *         default). Names repeat across network namespaces; the device object does not, so a
     *         handler serving several devices tells same-named ones apart by it.
     */
    default TapDevice tapDevice() {
        return null;
    }

    /** @return the lane these frames are delivered on */
    int lane();

    /** @return how many frames */
    int size();

    /** @return the frame at {@code i}, 0 &lt;= i &lt; size() */
    Frame frame(int i);
}
