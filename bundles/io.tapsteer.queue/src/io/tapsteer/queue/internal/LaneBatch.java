package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.tap.TapDevice;

/** A reusable {@link FrameBatch}: one per lane thread and one per poller, refilled for every batch. */
final class LaneBatch implements FrameBatch {
    final Frame[] frames;
    private final TapDevice tap;
    private final String device;
    int lane;
    int size;

    LaneBatch(TapDevice tap, int capacity) {
        this.tap = tap;
        this.device = tap.name();
        this.frames = new Frame[capacity];
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public TapDevice tapDevice() {
        return tap;
    }

    @Override
    public int lane() {
        return lane;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Frame frame(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("frame " + i + " of a batch of " + size);
        }
        return frames[i];
    }

    /** Releases every frame's pipeline reference and empties the batch. */
    void releaseAll() {
        for (int i = 0; i < size; i++) {
            frames[i].release();
            frames[i] = null;
        }
        size = 0;
    }
}
