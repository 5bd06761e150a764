package io.tapsteer.queue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.steering.SteeringStrategy;

/**
 * How a poller asks a strategy for the lanes of one batch: one
 * {@link SteeringStrategy#select(FrameBatch, int, int[])} per batch, guarded. An out-of-range lane
 * sends its frame to lane 0 as a counted fallback. When the batch call throws, each frame is asked
 * on its own ({@link SteeringStrategy#select(Frame, int)}; a throw there sends the frame to lane 0)
 * and every frame of the batch counts as a fallback: a broken strategy costs fallbacks, never a lost
 * frame or a dead poller. Exported for the benchmark harness, which times exactly this call.
 */
public final class SteeringCall {
    private SteeringCall() {
    }

    /**
     * @param s the strategy
     * @param batch the frames, in arrival order
     * @param lanes how many lanes, at least 1
     * @param lanesOut gets the lane of frame {@code i} at {@code i}, each in {@code [0, lanes)}; at least
     *        {@code batch.size()} long
     * @return how many frames count as fallbacks
     */
    public static int select(SteeringStrategy s, FrameBatch batch, int lanes, int[] lanesOut) {
        int n = batch.size();
        try {
            s.select(batch, lanes, lanesOut);
        } catch (Throwable t) { // a broken strategy costs fallbacks, never the poller
            frameByFrame(s, batch, lanes, lanesOut);
            return n;
        }
        int fallbacks = 0;
        for (int i = 0; i < n; i++) {
            int lane = lanesOut[i];
            if (lane < 0 || lane >= lanes) {
                lanesOut[i] = lane = 0;
                fallbacks++;
            }
            batch.frame(i).lane(lane);
        }
        return fallbacks;
    }

    private static void frameByFrame(SteeringStrategy s, FrameBatch batch, int lanes, int[] lanesOut) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            Frame f = batch.frame(i);
            int lane;
            try {
                lane = s.select(f, lanes);
            } catch (Throwable t) {
                lane = 0;
            }
            if (lane < 0 || lane >= lanes) {
                lane = 0;
            }
            f.lane(lane);
            lanesOut[i] = lane;
        }
    }
}
