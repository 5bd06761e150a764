package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Frame sets for the RSS checks and the comparison of where frames landed with where RssEngine says. */
final class RssCheck {
    private RssCheck() {
    }

    /** Id offset of the IPv6 extension-chain frames ({@link LabFrames#ipv6Chain}). */
    static final long CHAIN_IDS = 0x1000000L;

    /** A second 40-byte key, unrelated to the default one. */
    static byte[] otherKey() {
        byte[] k = new byte[40];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 37 + 11 ^ 0x5c);
        }
        return k;
    }

    /** @return {@code mixed} frames of {@link LabFrames#mixed} followed by {@code chains} extension-chain frames */
    static List<byte[]> frames(int mixed, int chains) {
        List<byte[]> all = new ArrayList<>(LabFrames.mixed(mixed));
        for (int i = 0; i < chains; i++) {
            all.add(LabFrames.ipv6Chain(i));
        }
        return all;
    }

    static byte[] frameOf(List<byte[]> frames, int mixed, long id) {
        return frames.get(id >= CHAIN_IDS ? (int) (mixed + id - CHAIN_IDS) : (int) id);
    }

    /**
     * @return frames that landed elsewhere than the kernel program's predicted queue (RssEngine's
     *         choice, through {@link KernelParity} for the documented limit)
     */
    static int mismatches(EbpfLab.Arrivals a, List<byte[]> frames, int mixed, RssConfig config, int queues) {
        assertEquals(frames.size(), a.total(), "every frame arrives, none twice");
        RssEngine engine = new RssEngine(config);
        int bad = 0;
        for (int q = 0; q < a.perQueue().size(); q++) {
            for (long id : a.perQueue().get(q)) {
                byte[] f = frameOf(frames, mixed, id);
                if (KernelParity.queueOf(engine, ByteBuffer.wrap(f), 0, f.length) % queues != q) {
                    bad++;
                }
            }
        }
        return bad;
    }

    /** @return frames for which the kernel's prediction differs from RssEngine's own queueOf */
    static List<Long> parityExceptions(List<byte[]> frames, int mixed, RssConfig config) {
        RssEngine engine = new RssEngine(config);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            ByteBuffer b = ByteBuffer.wrap(f);
            if (KernelParity.queueOf(engine, b, 0, f.length) != engine.queueOf(b, 0, f.length)) {
                ids.add(i < mixed ? i : CHAIN_IDS + i - mixed);
            }
        }
        return ids;
    }
}
