package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.FlowKey;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.frame.FrameParser;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.testsupport.Ipv6Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes and every truncation of valid frames never throw, never read outside the frame (the
 * buffer ends exactly where the frame ends, so any such read would throw), and always give a queue
 * below the queue count.
 */
class PropertyTest {
    static final int QUEUES = 5;
    static final RssEngine ENGINE = new RssEngine(new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL,
            RssConfig.equalTable(256, QUEUES), 4, false));
    final FlowKey key = new FlowKey();

    void check(byte[] frame, int len) {
        ByteBuffer exact = ByteBuffer.wrap(Arrays.copyOf(frame, len));
        int q = ENGINE.queueOf(exact, 0, len);
        assertTrue(q >= 0 && q < QUEUES, "queue " + q);
        FrameParser.parse(exact, 0, len, key);
        Explanation e = ENGINE.explain(exact, 0, len);
        assertEquals(q, e.queue());
        assertEquals(key.classified() || e.hash() < 0, true);
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(2026);
        byte[] f = new byte[160];
        for (int round = 0; round < 40_000; round++) {
            r.nextBytes(f);
            int shape = round % 4; // steer most rounds into the IP paths so they get exercised
            if (shape == 1) { f[12] = 0x08; f[13] = 0x00; f[14] = (byte) (0x40 | f[14] & 0xf); }
            if (shape == 2) { f[12] = (byte) 0x86; f[13] = (byte) 0xdd; f[14] = (byte) (0x60 | f[14] & 0xf);
                int[] ext = {0, 43, 44, 60, 6, 17};
                f[20] = (byte) ext[r.nextInt(ext.length)]; f[54] = (byte) ext[r.nextInt(ext.length)]; f[55] &= 3; }
            if (shape == 3) { f[12] = (byte) 0x81; f[13] = 0x00; f[16] = (byte) 0x86; f[17] = (byte) 0xdd; f[18] = 0x60; }
            check(f, r.nextInt(f.length + 1));
        }
    }

    @Test
    void everyTruncationOfValidFramesNeverThrows() {
        List<byte[]> frames = new ArrayList<>();
        byte[] a = {(byte) 192, 0, 2, 1};
        byte[] b = {(byte) 198, 51, 100, 2};
        frames.add(new FrameBuilder().ipv4(a, b).tcp(1, 2).build());
        frames.add(new FrameBuilder().vlan(FrameBuilder.TPID_8021AD, 1).vlan(FrameBuilder.TPID_8021Q, 2).ipv4(a, b).udp(1, 2).build());
        frames.add(new FrameBuilder().ipv6(Ipv6Frames.SRC, Ipv6Frames.DST).udp(3, 4).build());
        frames.add(new Ipv6Frames().hopByHop().routing(2, Ipv6Frames.CARE_OF_DST).homeAddress(Ipv6Frames.HOME).tcp(5, 6));
        frames.add(new Ipv6Frames().destinationOptions().fragment(0, true).homeAddress(Ipv6Frames.HOME).udp(7, 8));
        frames.add(new FrameBuilder().etherType(0x0806).build());
        for (byte[] f : frames) {
            for (int len = 0; len <= f.length; len++) {
                check(f, len);
            }
        }
    }

    @Test
    void badOffsetsAndLengthsAreUnclassifiedNotErrors() {
        byte[] f = new FrameBuilder().ipv4(new byte[4], new byte[4]).tcp(1, 2).build();
        ByteBuffer b = ByteBuffer.wrap(f);
        for (int[] ol : new int[][] {{-1, 10}, {0, -5}, {0, f.length + 1}, {f.length, 1}, {Integer.MAX_VALUE, 10},
            {10, Integer.MAX_VALUE}}) {
            assertEquals(4, ENGINE.queueOf(b, ol[0], ol[1]), Arrays.toString(ol));
        }
        assertEquals(4, ENGINE.queueOf(null, 0, 0));
    }
}
