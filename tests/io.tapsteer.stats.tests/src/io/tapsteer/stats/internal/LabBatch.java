package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;

/** A batch of frame views, reused from batch to batch as a poller does. */
final class LabBatch implements FrameBatch {
    final Frame[] frames;
    private final String device;
    int lane;
    int size;

    LabBatch(String device, int capacity) {
        this.device = device;
        frames = new Frame[capacity];
        for (int i = 0; i < capacity; i++) {
            frames[i] = new Frame(null);
        }
    }

    @Override
    public String device() {
        return device;
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
        return frames[i];
    }
}
