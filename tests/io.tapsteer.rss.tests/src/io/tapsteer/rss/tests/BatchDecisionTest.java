package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.FrameBatch;
import io.tapsteer.api.frame.HashType;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssSettings;
import io.tapsteer.rss.TableSpec;
import io.tapsteer.rss.internal.RssStrategy;
import io.tapsteer.testsupport.Ipv6Frames;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rss strategy's batch decision is bit-exact with its per-frame decision: for batches of every
 * size from 1 to 64 of random and edge frames (IPv4 and IPv6 with TCP, UDP and other protocols, VLAN
 * tags, fragments, IPv4 options, IPv6 extension headers, frames cut short, random bytes, non-IP),
 * in one buffer or two, under random keys, hash-type masks, lane counts and unclassified queues, both choose the same lane
 * for every frame and leave the same hash and report on it and the same bytes in its vnet header.
 */
class BatchDecisionTest {
    private static final int SLOT = 256;
    private static final int VNET = 20;

    @Test
    void batchDecisionEqualsTheDecisionOfEachFrame() {
        Random r = new Random(22);
        FrameBuilder fb = new FrameBuilder();
        Set<Integer> reports = new HashSet<>();
        int frames = 0;
        for (int round = 0; round < 600; round++) {
            byte[] key = new byte[40];
            r.nextBytes(key);
            int types = round < 10 ? HashType.ALL : r.nextInt(HashType.ALL + 1);
            int lanes = 1 + r.nextInt(8);
            RssStrategy batchSide = new RssStrategy();
            RssStrategy frameSide = new RssStrategy();
            RssSettings s = new RssSettings(key, types, TableSpec.parse(r.nextBoolean() ? "default" : "size 64 default"), r.nextInt(lanes));
            batchSide.apply(s);
            frameSide.apply(s);
            int n = 1 + round % 64;
            ByteBuffer a = ByteBuffer.allocateDirect(64 * SLOT);
            for (int i = 0; i < n; i++) {
                byte[] f = frame(r, fb, round * 64 + i);
                a.put(i * SLOT + VNET, f, 0, Math.min(f.length, SLOT - VNET));
                lengths[i] = Math.min(f.length, SLOT - VNET);
            }
            // every third batch has every third frame in a second buffer (the per-frame path of the batch)
            boolean mixed = round % 3 == 1;
            ByteBuffer a2 = copy(a);
            ByteBuffer b = copy(a);
            ByteBuffer b2 = copy(a);
            Batch batch = new Batch(a, mixed ? a2 : a, n, lengths);
            int[] lanesOut = new int[64];
            batchSide.select(batch, lanes, lanesOut);
            for (int i = 0; i < n; i++) {
                Frame f = new Frame(null).set(mixed && i % 3 == 2 ? b2 : b, i * SLOT + VNET, lengths[i], VNET, 0);
                int lane = frameSide.select(f, lanes);
                Frame g = batch.frame(i);
                String what = "frame " + i + " of batch " + round + " (types " + types + ", lanes " + lanes + ")";
                assertEquals(lane, lanesOut[i], what);
                assertEquals(f.hash(), g.hash(), what);
                assertEquals(f.hashReport(), g.hashReport(), what);
                reports.add(f.hashReport().value());
                frames++;
            }
            assertArrayEquals(bytes(b), bytes(a), "the vnet headers and frames of batch " + round);
            assertArrayEquals(bytes(b2), bytes(a2), "the vnet headers and frames of batch " + round + " in the second buffer");
        }
        for (int report = 0; report <= 9; report++) {
            assertTrue(reports.contains(report), "report " + report + " occurred among " + frames + " frames: " + reports);
        }
    }

    @Test
    void aTableThatDoesNotFitTheLanesGivesOutOfRangeLanesAsPerFrame() {
        RssStrategy s = new RssStrategy();
        s.apply(RssSettings.parse("6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa", "all",
                "equal 4", 0));
        ByteBuffer mem = ByteBuffer.allocateDirect(64 * SLOT);
        byte[] f = new FrameBuilder().ipv4(new byte[] {(byte) 192, 0, 2, 1}, new byte[] {(byte) 198, 51, 100, 1}).tcp(1000, 80).build();
        mem.put(VNET, f);
        int[] lengths = new int[64];
        lengths[0] = f.length;
        int[] out = {-7, -7};
        s.select(new Batch(mem, mem, 1, lengths), 2, out);
        assertEquals(s.select(new Frame(null).set(mem, VNET, f.length, VNET, 0), 2), out[0]);
        assertEquals(2, out[0], "out of range: the poller's counted fallback");
        assertEquals(-7, out[1], "nothing written past the batch");
    }

    private final int[] lengths = new int[64];

    private static ByteBuffer copy(ByteBuffer a) {
        ByteBuffer c = ByteBuffer.allocateDirect(a.capacity());
        c.put(0, a, 0, a.capacity());
        return c;
    }

    private static byte[] bytes(ByteBuffer a) {
        byte[] x = new byte[a.capacity()];
        a.get(0, x);
        return x;
    }

    private static byte[] frame(Random r, FrameBuilder fb, int i) {
        byte[] f;
        switch (r.nextInt(9)) {
            case 0: {
                Ipv6Frames b = new Ipv6Frames();
                if (r.nextBoolean()) b.hopByHop();
                if (r.nextBoolean()) b.routing(2, Ipv6Frames.addr(r.nextInt(256)));
                if (r.nextBoolean()) b.homeAddress(Ipv6Frames.addr(r.nextInt(256)));
                if (r.nextInt(4) == 0) b.fragment(r.nextBoolean() ? 0 : r.nextInt(1000), r.nextBoolean());
                f = r.nextBoolean() ? b.tcp(r.nextInt(65536), r.nextInt(65536)) : b.udp(r.nextInt(65536), r.nextInt(65536));
                break;
            }
            case 1:
                f = Flows.mixed(fb, i).vlan(FrameBuilder.TPID_8021Q, i & 0xfff).build();
                break;
            case 2:
                f = Flows.mixed(fb, i).vlan(FrameBuilder.TPID_8021AD, 1).vlan(FrameBuilder.TPID_8021Q, 2).build();
                break;
            case 3:
                f = Flows.mixed(fb, i).fragment(r.nextBoolean() ? 0 : 1 + r.nextInt(100), r.nextBoolean()).build();
                break;
            case 4: {
                f = new byte[r.nextInt(120)];
                r.nextBytes(f);
                if (f.length > 14 && r.nextBoolean()) { // garbage behind a real EtherType
                    f[12] = (byte) (r.nextBoolean() ? 0x08 : 0x86);
                    f[13] = (byte) (f[12] == 0x08 ? 0x00 : 0xdd);
                }
                break;
            }
            case 5:
                f = fb.reset().etherType(0x0806).build();
                break;
            case 6: {
                byte[] a = new byte[4];
                byte[] b = new byte[4];
                r.nextBytes(a);
                r.nextBytes(b);
                f = fb.reset().ipv4(a, b).build();
                f[23] = (byte) (r.nextBoolean() ? 1 : 47); // ICMP or GRE: no ports
                break;
            }
            default:
                f = Flows.mixed(fb, i).build();
                break;
        }
        if (r.nextInt(6) == 0 && f.length > 1) { // cut short anywhere, header boundaries included
            byte[] cut = new byte[r.nextInt(f.length)];
            System.arraycopy(f, 0, cut, 0, cut.length);
            return cut;
        }
        if (r.nextInt(10) == 0 && f.length > 14 && (f[12] & 0xff) == 0x08 && (f[14] & 0xf0) == 0x40) {
            f[14] = (byte) (0x40 | 5 + r.nextInt(11)); // IPv4 options (or a header longer than the frame)
        }
        return f;
    }

    /**
     * A batch of {@code n} frames in slots, each after a 20-byte vnet header: in {@code mem}, every
     * third one in {@code other} (the same slot).
     */
    private static final class Batch implements FrameBatch {
        private final Frame[] frames;

        Batch(ByteBuffer mem, ByteBuffer other, int n, int[] lengths) {
            frames = new Frame[n];
            for (int i = 0; i < n; i++) {
                frames[i] = new Frame(null).set(i % 3 == 2 ? other : mem, i * SLOT + VNET, lengths[i], VNET, 0);
            }
        }

        @Override
        public String device() {
            return "test";
        }

        @Override
        public int lane() {
            return -1;
        }

        @Override
        public int size() {
            return frames.length;
        }

        @Override
        public Frame frame(int i) {
            return frames[i];
        }
    }
}
