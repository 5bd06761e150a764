package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one documented case where the kernel program and user-space RSS part ways: a Home Address
 * option behind more options than the program examines. The kernel hashes as if it were absent,
 * explain says so, and the kernel's queue is still predicted exactly.
 */
class ParityLimitTest {

    private static List<byte[]> beyondBound(int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; frames.size() < count; i++) {
            if (i % LabFrames.CHAINS == LabFrames.CHAIN_BEYOND_BOUND) {
                frames.add(LabFrames.ipv6Chain(i));
            }
        }
        return frames;
    }

    @Test
    void aLateHomeAddressOptionIsHashedAsTheKernelSeesItAndExplained() {
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, 8), 0, false);
        RssEngine engine = new RssEngine(config);
        List<byte[]> frames = beyondBound(256);
        int differ = 0;
        for (byte[] f : frames) {
            ByteBuffer b = ByteBuffer.wrap(f);
            assertNotNull(KernelParity.asKernelSees(b, 0, f.length), "the option is beyond the bound");
            differ += KernelParity.queueOf(engine, b, 0, f.length) != engine.queueOf(b, 0, f.length) ? 1 : 0;
        }
        assertTrue(differ > 0, "the limit is real: user space and kernel choose differently for some frames");
        try (EbpfLab lab = new EbpfLab("parity"); EbpfKernelSteering k = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(8);
            k.attach(tap, KernelProgram.rss(config), "lab");
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            int onKernelQueue = 0;
            for (int q = 0; q < 8; q++) {
                for (long id : a.perQueue().get(q)) {
                    byte[] f = frames.get((int) ((id - RssCheck.CHAIN_IDS) / LabFrames.CHAINS));
                    Explanation x = k.explain(tap, ByteBuffer.wrap(f), 0, f.length);
                    assertEquals("kernel", x.path());
                    assertTrue(x.note().contains("documented parity limit"), x.note());
                    assertEquals("src-ipv6", x.fields().get(0).name(), "the kernel hashes the source, not the home address");
                    onKernelQueue += x.queue() == q ? 1 : 0;
                }
            }
            assertEquals(frames.size(), a.total());
            assertEquals(frames.size(), onKernelQueue, "every frame where explain(kernel) says");
        }
    }

    @Test
    void aHomeAddressOptionWithinTheBoundIsUsedByBoth() {
        RssConfig config = RssConfig.defaults(4);
        RssEngine engine = new RssEngine(config);
        byte[] f = LabFrames.ipv6Chain(1); // Home Address option right after one PadN
        ByteBuffer b = ByteBuffer.wrap(f);
        assertNull(KernelParity.asKernelSees(b, 0, f.length));
        Explanation kernel = KernelParity.explain(engine, b, 0, f.length);
        Explanation user = engine.explain(b, 0, f.length);
        assertEquals("home-address", kernel.fields().get(0).name());
        assertEquals(user.hash(), kernel.hash());
        assertFalse(kernel.note().contains("parity"), kernel.note());
    }
}
