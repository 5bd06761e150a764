package io.tapsteer.api.frame;

/**
 * The frames one poller drained in one wake-up for one lane, in arrival order. Valid only during
 * {@link FrameHandler#onBatch}; frames a handler keeps must be {@link Frame#retain() retained}.
 */
public interface FrameBatch {
    /** @return the device name */
    String device();

    /** @return the lane these frames are delivered on */
    int lane();

    /** @return how many frames */
    int size();

    /** @return the frame at {@code i}, 0 &lt;= i &lt; size() */
    Frame frame(int i);
}
