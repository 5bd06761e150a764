package io.tapsteer.testsupport;

import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Traffic into a tap for tests: the lab's mixed flows sent from the tap's own namespace through an
 * AF_PACKET socket, so they take the tap's transmit path (queue selection) into its queues.
 */
public final class LabTraffic {
    private static final int SLOT = 128; // every mixed-flow frame fits
    private static final long BATCH_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private LabTraffic() {
    }

    /**
     * Sends one frame per flow: flow {@code i} of {@link Flows#mixed}, stamped with flow id {@code i}
     * and sequence {@code firstSequence}. Bounded in count and in time (5 s per batch of
     * {@link PacketSocket#MAX_BATCH}).
     *
     * @return frames sent; fewer than {@code flows} only when a batch ran out of time
     */
    public static int sendFlows(TapService service, TapDevice tap, int flows, int firstSequence) {
        return sendFlows(service, tap, 0, flows, firstSequence);
    }

    /**
     * As {@link #sendFlows(TapService, TapDevice, int, int)}, for flows {@code firstFlow} ..
     * {@code firstFlow + flows - 1}: a large set sent in parts.
     *
     * @return frames sent
     */
    public static int sendFlows(TapService service, TapDevice tap, int firstFlow, int flows, int firstSequence) {
        ByteBuffer buf = ByteBuffer.allocateDirect(PacketSocket.MAX_BATCH * SLOT);
        int[] offsets = new int[PacketSocket.MAX_BATCH];
        int[] lengths = new int[PacketSocket.MAX_BATCH];
        FrameBuilder b = new FrameBuilder();
        int sent = 0;
        try (PacketSocket s = service.openPacketSocket(tap, false)) {
            for (int i = 0; i < flows; i += PacketSocket.MAX_BATCH) {
                int n = Math.min(PacketSocket.MAX_BATCH, flows - i);
                for (int k = 0; k < n; k++) {
                    offsets[k] = k * SLOT;
                    int flow = firstFlow + i + k;
                    lengths[k] = Flows.mixed(b, flow).stamp(flow, firstSequence).writeTo(buf, offsets[k]);
                }
                int done = 0;
                long deadline = System.nanoTime() + BATCH_LIMIT_NANOS;
                while (done < n && System.nanoTime() < deadline) {
                    done += s.sendBatch(buf, Arrays.copyOfRange(offsets, done, n), Arrays.copyOfRange(lengths, done, n), n - done);
                }
                sent += done;
            }
        }
        return sent;
    }
}
