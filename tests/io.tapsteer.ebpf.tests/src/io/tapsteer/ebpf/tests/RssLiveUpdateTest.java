package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new indirection table or key takes effect without re-attaching, and moves flows exactly. */
class RssLiveUpdateTest {
    private static final int MIXED = 2048;

    @Test
    void aTableRewriteAndAKeyChangeMoveFlowsToTheirNewQueues() {
        List<byte[]> frames = RssCheck.frames(MIXED, 200);
        RssConfig first = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, 4), 0, false);
        int[] reversed = new int[128];
        for (int i = 0; i < 128; i++) {
            reversed[i] = 3 - i % 4;
        }
        RssConfig table = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, reversed, 0, true);
        RssConfig key = new RssConfig(RssCheck.otherKey(), HashType.ALL, reversed, 2, true);
        try (EbpfLab lab = new EbpfLab("live"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            KernelSteeringStatus s1 = k.attach(tap, KernelProgram.rss(first), "lab");
            EbpfLab.Arrivals before = lab.sendAndCollect(tap, frames);
            assertEquals(0, RssCheck.mismatches(before, frames, MIXED, first, 4));

            KernelSteeringStatus s2 = k.attach(tap, KernelProgram.rss(table), "lab");
            assertEquals(s1.programFd(), s2.programFd(), "same program, new maps");
            assertEquals(s1.since(), s2.since());
            assertTrue(s2.maps().contains("table [3 2 1 0 3 2 1 0"), s2.maps());
            EbpfLab.Arrivals afterTable = lab.sendAndCollect(tap, frames);
            assertEquals(0, RssCheck.mismatches(afterTable, frames, MIXED, table, 4));
            assertTrue(moved(before, afterTable) > frames.size() / 2, "the rewrite moved flows");

            KernelSteeringStatus s3 = k.attach(tap, KernelProgram.rss(key), "lab");
            assertEquals(s1.programFd(), s3.programFd());
            assertTrue(s3.maps().contains("unclassified 2"), s3.maps());
            EbpfLab.Arrivals afterKey = lab.sendAndCollect(tap, frames);
            assertEquals(0, RssCheck.mismatches(afterKey, frames, MIXED, key, 4));
            assertTrue(moved(afterTable, afterKey) > frames.size() / 2, "the new key moved flows");
        }
    }

    private static int moved(EbpfLab.Arrivals a, EbpfLab.Arrivals b) {
        int n = 0;
        for (int q = 0; q < a.perQueue().size(); q++) {
            for (long id : a.perQueue().get(q)) {
                n += b.queueOf(id) != q ? 1 : 0;
            }
        }
        return n;
    }
}
