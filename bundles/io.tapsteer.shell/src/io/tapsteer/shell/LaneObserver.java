package io.tapsteer.shell;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.api.queue.QueueManager;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * The lab's frame handler: counts, per flow, the frames delivered, and per lane the frames whose
 * lane differs from the software prediction ({@code strategy.select}) of the device's active
 * strategy: the demo's "misrouted" (frames in flight across a swap may count). For automq the prediction is the arrival queue (the
 * kernel's hash has no software twin), so a frame is misrouted when its lane is not its queue.
 * Also counts frames of a flow that arrive with a lower sequence than one already seen
 * (out of order). Allocation-free; per-flow slots are written by the one lane carrying the flow.
 */
final class LaneObserver implements FrameHandler {
    private final long firstFlowId;
    private final long[] framesOfFlow;
    private final long[] lastSequence;
    private final AtomicLongArray misrouted = new AtomicLongArray(256);
    private final AtomicLongArray outOfOrder = new AtomicLongArray(256);
    private final QueueManager manager;
    private final Function<String, SteeringStrategy> strategies;
    private volatile String predicting = "";
    private volatile SteeringStrategy prediction;
    private volatile int lanes;

    /**
     * @param manager the device's queue manager, asked once per batch for its active strategy
     * @param strategies finds a strategy by name (only when the active one changed)
     */
    LaneObserver(QueueManager manager, Function<String, SteeringStrategy> strategies, long firstFlowId, int flows) {
        this.manager = manager;
        this.strategies = strategies;
        this.firstFlowId = firstFlowId;
        this.framesOfFlow = new long[flows];
        this.lastSequence = new long[flows];
        java.util.Arrays.fill(lastSequence, -1);
    }

    /** Follows the device's active strategy (after steer:use, or a fallback when one went away). */
    private SteeringStrategy follow() {
        String active = manager.activeStrategy();
        if (!active.equals(predicting)) {
            // Rare (a swap): the lookup allocates, the steady state does not.
            synchronized (this) {
                if (!active.equals(predicting)) {
                    prediction = strategies.apply(active);
                    lanes = manager.lanes();
                    predicting = active;
                }
            }
        }
        return prediction;
    }

    @Override
    public void onBatch(FrameBatch batch) {
        SteeringStrategy s = follow();
        int n = lanes;
        int lane = batch.lane();
        long wrong = 0;
        long late = 0;
        for (int i = 0; i < batch.size(); i++) {
            Frame f = batch.frame(i);
            if (s != null && n > 0 && s.select(f, n) != lane) {
                wrong++;
            }
            int p = FrameBuilder.payloadOffset(f.buffer(), f.offset());
            if (p < 0 || p + 16 > f.offset() + f.length()) {
                continue;
            }
            int flow = (int) (f.buffer().getLong(p + FrameBuilder.PAYLOAD_FLOW) - firstFlowId);
            if (flow < 0 || flow >= framesOfFlow.length) {
                continue;
            }
            long seq = f.buffer().getLong(p + FrameBuilder.PAYLOAD_SEQUENCE);
            framesOfFlow[flow]++;
            if (seq < lastSequence[flow]) {
                late++;
            } else {
                lastSequence[flow] = seq;
            }
        }
        int slot = lane & 255;
        if (wrong != 0) {
            misrouted.addAndGet(slot, wrong);
        }
        if (late != 0) {
            outOfOrder.addAndGet(slot, late);
        }
    }

    long misrouted() {
        return sum(misrouted);
    }

    long outOfOrder() {
        return sum(outOfOrder);
    }

    /** @return frames delivered of flow index {@code i} */
    long framesOf(int i) {
        return framesOfFlow[i];
    }

    int flows() {
        return framesOfFlow.length;
    }

    private static long sum(AtomicLongArray a) {
        long t = 0;
        for (int i = 0; i < a.length(); i++) {
            t += a.get(i);
        }
        return t;
    }
}
