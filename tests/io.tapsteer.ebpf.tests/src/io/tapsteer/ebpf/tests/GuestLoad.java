package io.tapsteer.ebpf.tests;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lab flows for a TCG guest: the mixed flows, one frame each, paced well below the ~175k frames/s
 * where a TCG guest's tap starts dropping, and software RSS's prediction of where they land.
 */
final class GuestLoad {
    /** Frames per second. */
    static final long RATE = 40_000;
    private static final int BATCH = 32;
    private static final int SLOT = 128;

    private final TapService service;
    private final TapDevice tap;

    GuestLoad(TapService service, TapDevice tap) {
        this.service = service;
        this.tap = tap;
    }

    /** Sends flows 0..flows-1 once each with sequence {@code seq}, at {@link #RATE}; bounded to 5 s per batch. @return frames sent */
    int send(int flows, int seq) {
        ByteBuffer buf = ByteBuffer.allocateDirect(BATCH * SLOT);
        int[] offsets = new int[BATCH];
        int[] lengths = new int[BATCH];
        FrameBuilder b = new FrameBuilder();
        int sent = 0;
        long start = System.nanoTime();
        try (PacketSocket s = service.openPacketSocket(tap, false)) {
            for (int i = 0; i < flows; i += BATCH) {
                int n = Math.min(BATCH, flows - i);
                for (int k = 0; k < n; k++) {
                    offsets[k] = k * SLOT;
                    lengths[k] = Flows.mixed(b, i + k).stamp(i + k, seq).writeTo(buf, offsets[k]);
                }
                long due = start + (long) i * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int done = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (done < n && System.nanoTime() < deadline) {
                    done += s.sendBatch(buf, Arrays.copyOfRange(offsets, done, n), Arrays.copyOfRange(lengths, done, n), n - done);
                }
                sent += done;
            }
        }
        return sent;
    }

    /** @return per queue, how many of flows 0..flows-1 the RSS program sends there when {@code queues} tap queues are attached */
    long[] predict(RssConfig config, int flows, int seq, int queues) {
        RssEngine engine = new RssEngine(config);
        ByteBuffer b = ByteBuffer.allocateDirect(256);
        FrameBuilder fb = new FrameBuilder();
        long[] per = new long[queues];
        for (int i = 0; i < flows; i++) {
            int len = Flows.mixed(fb, i).stamp(i, seq).writeTo(b, 0);
            per[KernelParity.queueOf(engine, b, 0, len) % queues]++; // the kernel takes the program's answer modulo numqueues
        }
        return per;
    }

    static long[] minus(long[] now, long[] before) {
        long[] d = Arrays.copyOf(now, now.length);
        for (int q = 0; q < Math.min(now.length, before.length); q++) {
            d[q] -= before[q];
        }
        return d;
    }

    static List<Long> asList(long[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
