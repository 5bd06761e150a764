package io.tapsteer.stats.internal;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.FrameBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A private namespace with taps made by the real TapService (DS), for one test; everything it makes
 * dies with it. Frames are sent with an AF_PACKET socket bound to the tap, so they pass the tap's
 * transmit path and the kernel's queue choice, as a guest's traffic would.
 */
final class StatsLab implements AutoCloseable {
    final TapService service;
    final NetNamespace ns;
    private final List<TapDevice> taps = new ArrayList<>();

    StatsLab(String label) {
        service = await(TapService.class);
        ns = service.privateNamespace(label);
    }

    static <T> T await(Class<T> type) {
        BundleContext ctx = FrameworkUtil.getBundle(StatsLab.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(ctx, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(10_000);
            if (s == null) {
                throw new AssertionError(type.getSimpleName() + " not registered within 10 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    TapDevice tap(String name, int queues) {
        TapDevice t = service.create(TapOptions.builder().name(name).queues(queues).build(), ns);
        taps.add(t);
        return t;
    }

    /**
     * Sends {@code count} frames; frame {@code i} is set up by {@code frame.accept(i)} on
     * {@code builder}. Bounded: gives up on a batch after 5 s of a blocked socket.
     *
     * @return frames the socket accepted
     */
    int send(TapDevice tap, FrameBuilder builder, int count, IntConsumer frame) {
        ByteBuffer buf = ByteBuffer.allocateDirect(PacketSocket.MAX_BATCH * 2048);
        int[] offsets = new int[PacketSocket.MAX_BATCH];
        int[] lengths = new int[PacketSocket.MAX_BATCH];
        int sent = 0;
        try (PacketSocket s = service.openPacketSocket(tap, false)) {
            for (int i = 0; i < count; i += PacketSocket.MAX_BATCH) {
                int n = Math.min(PacketSocket.MAX_BATCH, count - i);
                for (int k = 0; k < n; k++) {
                    frame.accept(i + k);
                    offsets[k] = k * 2048;
                    lengths[k] = builder.writeTo(buf, offsets[k]);
                }
                int done = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (done < n && System.nanoTime() < deadline) {
                    int[] o = java.util.Arrays.copyOfRange(offsets, done, n);
                    int[] l = java.util.Arrays.copyOfRange(lengths, done, n);
                    done += s.sendBatch(buf, o, l, n - done);
                }
                sent += done;
            }
        }
        return sent;
    }

    @Override
    public void close() {
        for (TapDevice t : taps) {
            t.close();
        }
        ns.close();
    }
}
