package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.Frame;

/**
 * The bounded single-producer, single-consumer handoff of frames from one poller to one lane: the
 * frame (a view) moves, its bytes do not. The producer stages frames and publishes them once per
 * batch; the consumer marks them done only after its handlers returned, so {@link #drained()} tells
 * the producer that every frame it handed over has been delivered (what a strategy swap waits for
 * to keep each flow in order).
 */
final class LaneRing {
    private final Frame[] slots;
    private final int mask;
    private final Poller producer;
    private volatile long tail; // published by the producer
    private volatile long head; // advanced by the consumer after delivery
    private long staged; // producer only
    private long cachedHead; // producer only

    /**
     * @param capacity frames, rounded up to a power of two
     * @param producer the poller that fills it
     */
    LaneRing(int capacity, Poller producer) {
        int cap = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        slots = new Frame[cap];
        mask = cap - 1;
        this.producer = producer;
    }

    /** @return the poller feeding this ring */
    Poller producer() {
        return producer;
    }

    /** Stages a frame; producer only. @return false when the ring is full */
    boolean offer(Frame frame) {
        long t = staged;
        if (t - cachedHead > mask) {
            cachedHead = head;
            if (t - cachedHead > mask) {
                return false;
            }
        }
        slots[(int) t & mask] = frame;
        staged = t + 1;
        return true;
    }

    /** Makes the staged frames visible to the consumer; producer only. @return whether any were new */
    boolean publish() {
        if (staged != tail) {
            tail = staged;
            return true;
        }
        return false;
    }

    /** @return whether every published frame has been delivered; producer only */
    boolean drained() {
        return head == tail && staged == tail;
    }

    /** @return frames published and not yet delivered; consumer side */
    int available() {
        return (int) (tail - head);
    }

    /**
     * Copies up to {@code max} published frames into {@code into}; consumer only. They stay counted
     * in the ring until {@link #done(int)}.
     */
    int peek(Frame[] into, int max) {
        long h = head;
        int n = (int) Math.min(tail - h, max);
        for (int i = 0; i < n; i++) {
            into[i] = slots[(int) (h + i) & mask];
        }
        return n;
    }

    /** Marks {@code n} peeked frames delivered; consumer only. */
    void done(int n) {
        head = head + n;
    }
}
