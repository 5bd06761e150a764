package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowTable#top} puts in words only the flows it returns, and returns the same flows in the
 * same order as the whole table ranked (the answer before describing was limited to the top).
 */
class TopFlowsDescribeTest {
    private static final int HEAVY = 6;

    /** The real flow identity, counting how often a flow is put in words. */
    private static final class CountingIdentity implements FlowIdentity {
        private final FlowIdentity real = new ParsedFlowIdentity();
        int described;

        @Override
        public long key(Frame frame) {
            return real.key(frame);
        }

        @Override
        public void capture(Frame frame, byte[] tuple, int offset) {
            real.capture(frame, tuple, offset);
        }

        @Override
        public String describe(byte[] tuple, int offset) {
            described++;
            return real.describe(tuple, offset);
        }
    }

    @Test
    void topNDescribesOnlyTheNItReturnsInTheOrderOfTheWholeRanking() {
        CountingIdentity identity = new CountingIdentity();
        FlowTable table = new FlowTable(identity, 64);
        feed(table, 300);
        List<FlowStats> all = table.top(Integer.MAX_VALUE); // every flow held, each described
        assertTrue(all.size() > 64, "three lanes hold more flows than one lane's 64 counters: " + all.size());
        assertEquals(all.size(), identity.described);
        for (int n : new int[] {1, HEAVY, 10, 64}) {
            identity.described = 0;
            List<FlowStats> top = table.top(n);
            assertEquals(n, identity.described, "flows put in words for the top " + n);
            assertEquals(all.subList(0, n), top, "the top " + n + " are the first " + n + " of the whole ranking");
        }
        List<FlowStats> heavy = table.top(HEAVY);
        for (int k = 0; k < HEAVY; k++) {
            assertEquals(nameOf(k), heavy.get(k).flow(), "flow " + k + " is heavier than flow " + (k + 1) + ": " + heavy);
        }
    }

    /**
     * Batches of 64 frames on lanes 0, 1, 2 in turn: heavy flow k (k &lt; {@value #HEAVY}) comes
     * {@value #HEAVY} - k times per batch, the rest of each batch are light flows out of 2000.
     */
    private static void feed(FlowTable table, int batches) {
        LabBatch batch = new LabBatch("td0", 64);
        FrameBuilder b = new FrameBuilder();
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 128);
        int light = 0;
        for (int r = 0; r < batches; r++) {
            int j = 0;
            for (int k = 0; k < HEAVY; k++) {
                for (int c = 0; c < HEAVY - k; c++, j++) {
                    frame(batch, b, buf, j, k, r % 3);
                }
            }
            for (; j < 64; j++, light++) {
                frame(batch, b, buf, j, HEAVY + light % 2000, r % 3);
            }
            batch.size = 64;
            batch.lane = r % 3;
            table.count(batch);
        }
    }

    private static void frame(LabBatch batch, FrameBuilder b, ByteBuffer buf, int j, int flow, int queue) {
        batch.frames[j].set(buf, j * 128, Flows.mixed(b, flow).writeTo(buf, j * 128), 0, queue);
    }

    /** @return flow {@code k} in words, as a table holding only it says */
    private static String nameOf(int k) {
        FlowTable one = new FlowTable(new ParsedFlowIdentity(), 1);
        LabBatch batch = new LabBatch("td1", 1);
        ByteBuffer buf = ByteBuffer.allocateDirect(128);
        frame(batch, new FrameBuilder(), buf, 0, k, 0);
        batch.size = 1;
        one.count(batch);
        return one.top(1).get(0).flow();
    }
}
