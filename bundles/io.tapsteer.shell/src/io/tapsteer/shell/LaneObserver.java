package io.tapsteer.shell;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.FrameBuilder;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * The lab's frame handler: counts, per flow, the frames delivered, and per lane the frames whose
 * lane differs from the software prediction ({@code strategy.select}) of the device's active
 * strategy: the demo's "misrouted" (frames in flight across a swap may count). For automq the
 * prediction is the arrival queue (the kernel's hash has no software twin), so a frame is misrouted
 * when its lane is not its queue. Also counts frames of a flow that arrive with a lower sequence
 * than one already seen (out of order).
 *
 * <p>Observing has no side effects on steering and never throws into the lane. The strategy is
 * asked again only where the kernel chose the queue (automq, or the strategy's kernel program),
 * to check the kernel against its software twin. Where user space steered, the poller's call was
 * the decision and the lane is its result: asking again would advance a stateful strategy (round
 * robin's shared counter) and could throw, so those frames are not predicted ({@link #predicts()}
 * is false). A prediction that throws or is out of range is the poller's fallback, lane 0.
 * Per-flow slots are atomic, since one flow's frames may reach several lanes (round robin, a swap).
 * Allocation-free.
 */
final class LaneObserver implements FrameHandler {
    private final long firstFlowId;
    private final AtomicLongArray framesOfFlow;
    private final AtomicLongArray lastSequence;
    private final AtomicLongArray misrouted = new AtomicLongArray(256);
    private final AtomicLongArray outOfOrder = new AtomicLongArray(256);
    private final QueueManager manager;
    private final Function<String, SteeringStrategy> strategies;
    private volatile String predicting = "";
    private volatile SteeringStrategy prediction;
    private volatile boolean automq;
    private volatile int lanes;

    /**
     * @param manager the device's queue manager, asked once per batch for its active strategy
     * @param strategies finds a strategy by name (only when the active one changed)
     */
    LaneObserver(QueueManager manager, Function<String, SteeringStrategy> strategies, long firstFlowId, int flows) {
        this.manager = manager;
        this.strategies = strategies;
        this.firstFlowId = firstFlowId;
        this.framesOfFlow = new AtomicLongArray(flows);
        this.lastSequence = new AtomicLongArray(flows);
        for (int i = 0; i < flows; i++) {
            lastSequence.set(i, -1);
        }
    }

    /** Follows the device's active strategy (after steer:use, or a fallback when one went away). */
    private SteeringStrategy follow() {
        String active = manager.activeStrategy();
        if (!active.equals(predicting)) {
            // Rare (a swap): the lookup allocates, the steady state does not.
            synchronized (this) {
                if (!active.equals(predicting)) {
                    prediction = strategies.apply(active);
                    automq = active.equals("automq");
                    lanes = manager.lanes();
                    predicting = active;
                }
            }
        }
        return prediction;
    }

    /** @return the strategy to predict this batch with, or null where user space steered (see the class) */
    private SteeringStrategy predictor() {
        SteeringStrategy s = follow();
        return automq || manager.kernelProgramSteers() ? s : null;
    }

    @Override
    public void onBatch(FrameBatch batch) {
        SteeringStrategy s = predictor();
        int n = lanes;
        int lane = batch.lane();
        long wrong = 0;
        long late = 0;
        for (int i = 0; i < batch.size(); i++) {
            Frame f = batch.frame(i);
            if (s != null && n > 0 && predict(s, f, n) != lane) {
                wrong++;
            }
            int p = FrameBuilder.payloadOffset(f.buffer(), f.offset());
            if (p < 0 || p + 16 > f.offset() + f.length()) {
                continue;
            }
            int flow = (int) (f.buffer().getLong(p + FrameBuilder.PAYLOAD_FLOW) - firstFlowId);
            if (flow < 0 || flow >= framesOfFlow.length()) {
                continue;
            }
            long seq = f.buffer().getLong(p + FrameBuilder.PAYLOAD_SEQUENCE);
            framesOfFlow.getAndIncrement(flow);
            if (seq < lastSequence.getAndAccumulate(flow, seq, Math::max)) {
                late++;
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

    /** The lane the poller gave the frame: the strategy's choice, or its fallback lane 0. */
    private static int predict(SteeringStrategy s, Frame f, int lanes) {
        int lane;
        try {
            lane = s.select(f, lanes);
        } catch (Throwable t) { // the poller counted a fallback for it; the observer must not drop the batch
            return 0;
        }
        return lane < 0 || lane >= lanes ? 0 : lane;
    }

    /** @return whether the active strategy's frames are predicted (false for one whose choice depends on order) */
    boolean predicts() {
        follow();
        return automq || manager.kernelProgramSteers();
    }

    long misrouted() {
        return sum(misrouted);
    }

    long outOfOrder() {
        return sum(outOfOrder);
    }

    /** @return frames delivered of flow index {@code i} */
    long framesOf(int i) {
        return framesOfFlow.get(i);
    }

    int flows() {
        return framesOfFlow.length();
    }

    private static long sum(AtomicLongArray a) {
        long t = 0;
        for (int i = 0; i < a.length(); i++) {
            t += a.get(i);
        }
        return t;
    }
}
