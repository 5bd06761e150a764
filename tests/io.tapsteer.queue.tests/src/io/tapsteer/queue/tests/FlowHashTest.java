package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.queue.internal.strategy.FlowHash;
import io.tapsteer.testsupport.Fragments;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow-hash strategy's flow: one per datagram, whether it comes whole or in fragments. */
class FlowHashTest {
    private static Frame frame(byte[] f) {
        ByteBuffer b = ByteBuffer.allocateDirect(f.length);
        b.put(0, f);
        return new Frame(null).set(b, 0, f.length, 0, -1);
    }

    @Test
    void everyFragmentOfADatagramGetsTheFirstFragmentsLane() {
        int portsDiffer = 0;
        for (int flow = 0; flow < 100; flow++) {
            for (boolean ipv6 : new boolean[] {false, true}) {
                Fragments d = new Fragments(ipv6, flow % 2 == 0 ? 6 : 17, flow);
                List<byte[]> fragments = d.cut(3);
                int first = FlowHash.of(frame(fragments.get(0)));
                for (byte[] f : fragments) {
                    assertEquals(first, FlowHash.of(frame(f)), "flow " + flow + (ipv6 ? " ipv6" : " ipv4"));
                }
                portsDiffer += FlowHash.of(frame(d.whole(64))) != first ? 1 : 0;
            }
        }
        assertTrue(portsDiffer == 200, "the whole datagram is hashed with its ports, its fragments without");
    }
}
