package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An explanation names what its number counts: a lane in user space, a tap queue in the kernel. */
class ExplanationTextTest {
    @Test
    void theUserPathPrintsALane() {
        byte[] f = new FrameBuilder().ipv4(RssEngineTest.A4, RssEngineTest.B4).udp(40000, 53).build();
        Explanation e = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, new int[] {2}, 0, false))
                .explain(ByteBuffer.wrap(f), 0, f.length);
        assertEquals("lane", e.target());
        assertTrue(e.toString().endsWith("  lane 2"), e.toString());
    }

    @Test
    void theKernelPathPrintsAQueue() {
        Explanation e = new Explanation("rss", "kernel", List.of(), 0x1234, "udp-ipv4", 5, 3, "");
        assertEquals("queue", e.target());
        assertTrue(e.toString().contains("  slot 5\n  queue 3"), e.toString());
    }
}
