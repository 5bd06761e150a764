package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernel RSS program against the user-space reference (RssEngine): 4096 mixed frames (IPv4/IPv6,
 * TCP/UDP, untagged/802.1Q/QinQ, IPv4 options, IPv4 fragments, non-IP) plus 400 IPv6 frames with
 * extension chains (hop-by-hop, Home Address, routing type 2, fragments, more than 8 headers), each
 * on exactly the predicted queue.
 */
class RssCrossCheckTest {
    private static final int MIXED = 4096;
    private static final int CHAINS = 400;

    @ParameterizedTest(name = "{0} queues, key {1}")
    @CsvSource({"2, default", "4, default", "8, default", "2, other", "4, other", "8, other"})
    void everyFrameLandsOnTheQueueRssEnginePredicts(int queues, String key) {
        byte[] k = key.equals("default") ? RssConfig.DEFAULT_KEY : RssCheck.otherKey();
        RssConfig config = new RssConfig(k, HashType.ALL, RssConfig.equalTable(128, queues), queues - 1, false);
        List<byte[]> frames = RssCheck.frames(MIXED, CHAINS);
        try (EbpfLab lab = new EbpfLab("rss" + queues); EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(queues);
            steering.attach(tap, KernelProgram.rss(config), "cross-check");
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            assertEquals(0, RssCheck.mismatches(a, frames, MIXED, config, queues), "frames off their predicted queue");
            for (int q = 0; q < queues; q++) {
                assertTrue(a.perQueue().get(q).size() > frames.size() / queues / 3, "queue " + q + " got its share");
            }
        }
        // the prediction is RssEngine's own choice for every frame but the documented limit
        for (long id : RssCheck.parityExceptions(frames, MIXED, config)) {
            assertTrue(id >= RssCheck.CHAIN_IDS && (id - RssCheck.CHAIN_IDS) % LabFrames.CHAINS == LabFrames.CHAIN_BEYOND_BOUND,
                    "frame " + Long.toHexString(id) + " differs from RssEngine outside the documented limit");
        }
    }

    @ParameterizedTest(name = "types 0x{0}")
    @CsvSource({"001", "006", "022", "1c0", "0f0", "0a0", "048", "000"})
    void theCascadeOfEnabledTypesMatches(String types) {
        int mask = Integer.parseInt(types, 16);
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, mask, RssConfig.equalTable(64, 4), 3, false);
        List<byte[]> frames = RssCheck.frames(1024, 200);
        try (EbpfLab lab = new EbpfLab("types"); EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            steering.attach(tap, KernelProgram.rss(config), "cascade");
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            assertEquals(0, RssCheck.mismatches(a, frames, 1024, config, 4));
            if (mask == 0) {
                assertEquals(frames.size(), a.perQueue().get(3).size(), "nothing enabled: all on the unclassified queue");
            }
        }
    }

    @ParameterizedTest(name = "types 0x{0}")
    @CsvSource({"1ff", "03f"})
    void truncatedFramesAreUnclassifiedOrHashedExactlyAsUserSpaceSays(String types) {
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, Integer.parseInt(types, 16), RssConfig.equalTable(128, 4), 3, false);
        List<byte[]> source = RssCheck.frames(512, 100);
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 2048; i++) {
            frames.add(LabFrames.truncated(source, i));
        }
        try (EbpfLab lab = new EbpfLab("cut"); EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(4);
            steering.attach(tap, KernelProgram.rss(config), "truncated");
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            assertEquals(0, RssCheck.mismatches(a, frames, frames.size(), config, 4));
            assertTrue(a.perQueue().get(3).size() > a.perQueue().get(0).size(), "many cut frames are unclassified (queue 3)");
        }
    }
}
