package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.Toeplitz;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames are read several bytes at a time, and the most common frames take a shortcut: the decision
 * must not depend on the buffer's byte order, the frame's offset or the kind of buffer, and the
 * shortcut must decide exactly as the specification does, also for frames just outside it.
 */
class DecisionByteOrderTest {
    @Test
    void decisionsDoNotDependOnByteOrderOffsetOrBufferKind() {
        Random r = new Random(81);
        FrameBuilder fb = new FrameBuilder();
        RssEngine engine = new RssEngine(RssConfig.defaults(4));
        FlowKey expected = new FlowKey();
        FlowKey actual = new FlowKey();
        for (int i = 0; i < 600; i++) {
            byte[] frame = i % 3 == 0 ? Flows.vlanTagged(fb, i).build()
                    : i % 3 == 1 ? Flows.mixed(fb, i).build()
                    : fb.reset().ipv6(Flows.ipv6Source(i), Flows.ipv6Destination(i)).udp(Flows.sourcePort(i), Flows.destinationPort(i)).build();
            long reference = engine.decide(ByteBuffer.wrap(frame), 0, frame.length);
            FrameParser.parse(ByteBuffer.wrap(frame), 0, frame.length, expected);
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (boolean direct : new boolean[] {false, true}) {
                    int off = 1 + r.nextInt(15);
                    ByteBuffer b = (direct ? ByteBuffer.allocateDirect(off + frame.length + 7) : ByteBuffer.allocate(off + frame.length + 7))
                            .order(order);
                    b.position(off);
                    b.put(frame);
                    b.put(new byte[] {-1, -1, -1, -1, -1, -1, -1}); // bytes after the frame never count
                    b.clear();
                    String where = "frame " + i + ", " + order + (direct ? " direct" : " heap") + " at " + off;
                    assertEquals(reference, engine.decide(b, off, frame.length), where);
                    FrameParser.parse(b, off, frame.length, actual);
                    assertEquals(expected.toString(), actual.toString(), where);
                }
            }
        }
    }

    /**
     * IPv4 and IPv6 TCP/UDP frames with one of the header bytes the shortcut looks at changed to a
     * random value (EtherType, version, header length, fragment field, protocol, next header), cut
     * to a random length around the shortcut's minimum, under random hash types, in either byte
     * order: the decision is the naive reference's (cascade from the parsed flow key, bit-by-bit hash).
     */
    @Test
    void framesAroundTheShortcutAgreeWithTheNaiveReference() {
        Random r = new Random(82);
        FrameBuilder fb = new FrameBuilder();
        FlowKey key = new FlowKey();
        int[] v4Bytes = {12, 13, 14, 20, 21, 23};
        int[] v6Bytes = {12, 13, 14, 20};
        for (int i = 0; i < 20_000; i++) {
            boolean v6 = r.nextBoolean();
            fb.reset();
            if (v6) {
                fb.ipv6(Flows.ipv6Source(i), Flows.ipv6Destination(i));
            } else {
                fb.ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i));
            }
            byte[] frame = (r.nextBoolean() ? fb.tcp(Flows.sourcePort(i), Flows.destinationPort(i))
                    : fb.udp(Flows.sourcePort(i), Flows.destinationPort(i))).build();
            if (r.nextInt(4) != 0) {
                int[] at = v6 ? v6Bytes : v4Bytes;
                int p = at[r.nextInt(at.length)];
                frame[p] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : frame[p] ^ 1 << r.nextInt(8));
            }
            int len = r.nextInt(3) == 0 ? 30 + r.nextInt(Math.min(frame.length, 78) - 29) : frame.length;
            frame = Arrays.copyOf(frame, len);
            int types = r.nextInt(4) == 0 ? r.nextInt(HashType.ALL + 1) : HashType.ALL;
            RssEngine engine = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, types, RssConfig.equalTable(128, 4), 3, false));
            ByteBuffer b = ByteBuffer.allocate(len + 3).order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            b.position(3);
            b.put(frame);
            long d = engine.decide(b, 3, len);
            FrameParser.parse(ByteBuffer.wrap(frame), 0, len, key);
            HashReport expected = ReferenceCrossCheckTest.cascade(key, types);
            String what = "frame " + i + " (" + len + " bytes, types " + types + ")";
            assertEquals(expected, HashReport.of(RssEngine.reportOf(d)), "report of " + what);
            if (expected != HashReport.NONE) {
                byte[] tuple = ReferenceCrossCheckTest.tuple(key, expected);
                assertEquals(Toeplitz.hashBitwise(RssConfig.DEFAULT_KEY, tuple, 0, tuple.length), RssEngine.hashOf(d), "hash of " + what);
            }
        }
    }
}
