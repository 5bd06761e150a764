package io.tapsteer.queue.tests;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.TrafficSource;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A frame handler that checks what a lab source sent: per flow, which sequence numbers arrived
 * (lost and duplicated frames), whether they arrived in order, and on which queue and lane.
 * Test code: it locks per flow, which the data path never does.
 */
final class FlowChecker implements FrameHandler {
    final int flows;
    private final BitSet[] seen;
    private final long[] last;
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    final AtomicLong foreign = new AtomicLong();
    final AtomicLongArray byQueue = new AtomicLongArray(257);
    final AtomicLongArray byLane = new AtomicLongArray(257);
    final int[] laneOfFlow;
    final int[] queueOfFlow;

    FlowChecker(int flows) {
        this.flows = flows;
        seen = new BitSet[flows];
        last = new long[flows];
        laneOfFlow = new int[flows];
        queueOfFlow = new int[flows];
        for (int i = 0; i < flows; i++) {
            seen[i] = new BitSet();
            last[i] = -1;
            laneOfFlow[i] = -1;
            queueOfFlow[i] = -1;
        }
    }

    @Override
    public void onBatch(FrameBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            Frame f = batch.frame(i);
            ByteBuffer b = f.buffer();
            int p = FrameBuilder.payloadOffset(b, f.offset());
            if (p < 0 || p + 16 > f.offset() + f.length()) {
                foreign.incrementAndGet();
                continue;
            }
            long flow = b.getLong(p + FrameBuilder.PAYLOAD_FLOW);
            long seq = b.getLong(p + FrameBuilder.PAYLOAD_SEQUENCE);
            if (flow < 0 || flow >= flows || seq < 0 || seq > Integer.MAX_VALUE) {
                foreign.incrementAndGet();
                continue;
            }
            int fl = (int) flow;
            synchronized (seen[fl]) {
                if (seen[fl].get((int) seq)) {
                    duplicates.incrementAndGet();
                } else {
                    seen[fl].set((int) seq);
                }
                if (seq < last[fl]) {
                    reordered.incrementAndGet();
                }
                last[fl] = Math.max(last[fl], seq);
                laneOfFlow[fl] = batch.lane();
                queueOfFlow[fl] = f.queue();
            }
            delivered.incrementAndGet();
            byQueue.incrementAndGet(f.queue() < 0 ? 256 : f.queue());
            byLane.incrementAndGet(batch.lane());
        }
    }

    /** @return distinct frames of a flow that arrived */
    int distinct(int flow) {
        synchronized (seen[flow]) {
            return seen[flow].cardinality();
        }
    }

    /** @return frames the source sent that never arrived, over flows accepted by the filter */
    long lost(TrafficSource src, java.util.function.IntPredicate flowFilter) {
        long lost = 0;
        for (int i = 0; i < flows; i++) {
            if (flowFilter.test(i)) {
                lost += src.sentOfFlow(i) - distinct(i);
            }
        }
        return lost;
    }

    /** @return frames the source sent that never arrived */
    long lost(TrafficSource src) {
        return lost(src, i -> true);
    }
}
