package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.TableUnit;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed-queue and table programs put frames exactly where they say; the table is rewritten live. */
class FixedAndTableTest {

    @Test
    void aFixedQueueProgramPutsEveryFrameOnThatQueue() {
        try (EbpfLab lab = new EbpfLab("fixed"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            k.attach(tap, KernelProgram.fixedQueue(2), "lab");
            List<byte[]> frames = LabFrames.mixed(1024);
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            assertEquals(1024, a.total(), "every frame arrives");
            assertEquals(1024, a.perQueue().get(2).size(), "all on queue 2");
        }
    }

    @Test
    void theTableProgramFollowsItsHeaderHashAndALiveRewrite() {
        try (EbpfLab lab = new EbpfLab("table"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            int[] first = {0, 1, 2, 3, 3, 2, 1, 0};
            KernelSteeringStatus s1 = k.attach(tap, KernelProgram.table(first), "lab");
            List<byte[]> frames = LabFrames.mixed(2048);
            assertEquals(0, mismatches(lab.sendAndCollect(tap, frames), frames, first, k, tap));

            int[] second = {3, 3, 3, 3, 0, 0, 1, 2};
            KernelSteeringStatus s2 = k.attach(tap, KernelProgram.table(second), "lab");
            assertEquals(s1.programFd(), s2.programFd(), "same program: only the map was rewritten");
            assertTrue(s2.maps().contains("[3, 3, 3, 3, 0, 0, 1, 2]"), s2.maps());
            assertEquals(0, mismatches(lab.sendAndCollect(tap, frames), frames, second, k, tap));
        }
    }

    private static int mismatches(EbpfLab.Arrivals a, List<byte[]> frames, int[] table, EbpfKernelSteering k, TapDevice tap) {
        assertEquals(frames.size(), a.total(), "every frame arrives");
        int bad = 0;
        for (int q = 0; q < a.perQueue().size(); q++) {
            for (long id : a.perQueue().get(q)) {
                byte[] f = frames.get((int) id);
                int slot = TableUnit.slotOf(ByteBuffer.wrap(f), 0, f.length, table.length - 1);
                Explanation x = k.explain(tap, ByteBuffer.wrap(f), 0, f.length);
                assertEquals(slot, x.slot());
                bad += table[slot] == q && x.queue() == q ? 0 : 1;
            }
        }
        return bad;
    }
}
