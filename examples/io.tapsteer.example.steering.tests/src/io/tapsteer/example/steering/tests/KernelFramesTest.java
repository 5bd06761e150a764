package io.tapsteer.example.steering.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.example.steering.PortRangeStrategy;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Frames that went through a real tap (in a private namespace) are steered as the port ranges say:
 * the strategy parses what the kernel delivers, not only what a builder made.
 */
class KernelFramesTest {
    @Test
    void framesReadFromATapArePinnedByTheirDestinationPort() throws Exception {
        TapService taps = tapService();
        PortRangeStrategy s = new PortRangeStrategy(4096, "5000-5999:0", "6000-6999:1", "7000-7999:2");
        int frames = 96;
        try (NetNamespace ns = taps.privateNamespace("example-steering");
                TapDevice tap = taps.create(TapOptions.builder().name("exs%d").queues(1).build(), ns);
                PacketSocket out = taps.openPacketSocket(tap, false)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            FrameBuilder b = new FrameBuilder();
            for (int i = 0; i < frames; i++) {
                b.reset();
                int dport = 5000 + (i % 3) * 1000 + i;
                if ((i & 1) == 0) {
                    b.ipv4(Flows.ipv4Source(i), Flows.ipv4Destination(i)).udp(Flows.sourcePort(i), dport);
                } else {
                    b.ipv6(Flows.ipv6Source(i), Flows.ipv6Destination(i)).tcp(Flows.sourcePort(i), dport);
                }
                int len = b.stamp(i, 0).writeTo(buf, 0);
                assertEquals(true, out.send(buf, 0, len), "frame " + i + " not sent");
            }
            ByteBuffer in = ByteBuffer.allocateDirect(65536);
            Frame f = new Frame(null);
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (read < frames && System.nanoTime() < deadline) {
                int n = tap.queues().get(0).read(in, 0, in.capacity());
                if (n == 0) {
                    Thread.sleep(5);
                    continue;
                }
                f.set(in, 0, n, 0, 0);
                long flow = in.getLong(FrameBuilder.payloadOffset(in, 0) + FrameBuilder.PAYLOAD_FLOW);
                assertEquals((int) (flow % 3), s.select(f, 4), "frame of flow " + flow);
                read++;
            }
            assertEquals(frames, read, "frames sent into the tap but not read from its queue");
        }
    }

    private static TapService tapService() throws InterruptedException {
        BundleContext ctx = FrameworkUtil.getBundle(KernelFramesTest.class).getBundleContext();
        ServiceTracker<TapService, TapService> t = new ServiceTracker<>(ctx, TapService.class, null);
        t.open();
        try {
            TapService s = t.waitForService(TimeUnit.SECONDS.toMillis(10));
            assumeTrue(s != null, "no TapService: this test needs root (CAP_NET_ADMIN) and /dev/net/tun");
            return s;
        } finally {
            t.close();
        }
    }
}
