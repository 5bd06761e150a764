package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashReport;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The stats frame handler's data path allocates nothing per frame: counted by the JVM's per-thread
 * allocation counter (read through JMX, so no com.sun import is needed), over a stream where most
 * frames are new to the summary (the worst case: every one replaces a counter).
 */
class NoAllocationTest {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private static long allocatedBytes() throws Exception {
        return (Long) JMX.invoke(new ObjectName("java.lang:type=Threading"), "getThreadAllocatedBytes",
                new Object[] {Thread.currentThread().getId()}, new String[] {long.class.getName()});
    }

    @Test
    void countingBatchesAllocatesNothingPerFrame() throws Exception {
        FlowTable table = new FlowTable(new ParsedFlowIdentity(), 64);
        LabBatch batch = new LabBatch("na0", 64);
        FrameBuilder b = new FrameBuilder();
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 128);
        for (int i = 0; i < 64; i++) { // 64 distinct flows per batch, the flow set shifts each batch
            batch.frames[i].set(buf, i * 128, Flows.mixed(b, i).writeTo(buf, i * 128), 0, i & 3);
        }
        batch.size = 64;
        for (int warm = 0; warm < 20_000; warm++) { // let the JIT compile the path first
            run(table, batch, b, buf, warm);
        }
        long before = allocatedBytes();
        for (int round = 0; round < 10_000; round++) {
            run(table, batch, b, buf, round);
        }
        long after = allocatedBytes();
        long frames = 10_000L * 64;
        assertTrue(after - before < 4096, "allocated " + (after - before) + " bytes for " + frames + " frames");
        assertEquals(30_000L * 64, table.total());
    }

    /** Half the frames keep their flow, half get a reported hash that changes every round. */
    private static void run(FlowTable table, LabBatch batch, FrameBuilder b, ByteBuffer buf, int round) {
        for (int i = 1; i < 64; i += 2) {
            batch.frames[i].hash(round * 64 + i, HashReport.UDPv4);
        }
        batch.lane = round & 1;
        table.count(batch);
    }
}
