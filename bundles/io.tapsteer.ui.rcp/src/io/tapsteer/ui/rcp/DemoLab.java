package io.tapsteer.ui.rcp;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The demo lab: a 4-queue tap in a private namespace and a bounded stream of UDP and TCP frames from
 * 64 documentation-address flows, sent into the tap through an AF_PACKET socket. Bounded in frames
 * and in time; closing it deletes the tap and the namespace.
 */
public final class DemoLab implements AutoCloseable {

    /** Frames the demo sends at most. */
    static final long MAX_FRAMES = 2_000_000;
    /** How long it sends at most. */
    static final long MAX_SECONDS = 300;
    private static final int FLOWS = 64;

    private final NetNamespace namespace;
    private final TapDevice device;
    private final Thread sender;
    private volatile boolean stop;
    private volatile long sent;

    private DemoLab(TapService service) {
        namespace = service.privateNamespace("demo");
        device = service.create(TapOptions.builder().name("demo%d").queues(4).build(), namespace);
        PacketSocket socket = service.openPacketSocket(device, false);
        sender = new Thread(() -> send(socket), "tapsteer-demo-source");
        sender.setDaemon(true);
        sender.start();
    }

    /** @return a running demo lab; fails in words when no tap service runs */
    static DemoLab start() {
        var ctx = FrameworkUtil.getBundle(DemoLab.class).getBundleContext();
        ServiceTracker<TapService, TapService> t = new ServiceTracker<>(ctx, TapService.class, null);
        t.open();
        try {
            TapService s = t.waitForService(10_000);
            if (s == null) {
                throw new IllegalStateException("no tap service after 10 s: is io.tapsteer.tap in the product and started?");
            }
            return new DemoLab(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the tap service", e);
        } finally {
            t.close();
        }
    }

    private void send(PacketSocket socket) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        FrameBuilder builder = new FrameBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        try (socket) {
            for (long i = 0; i < MAX_FRAMES && !stop && System.nanoTime() < deadline; i++) {
                int flow = (int) (i % FLOWS);
                Flows.mixed(builder.reset(), flow).stamp(flow, i).payload(64);
                int length = builder.writeTo(buffer, 0);
                if (socket.send(buffer, 0, length)) {
                    sent++;
                }
                if (i % 256 == 255) {
                    Thread.sleep(2); // a visible, steady rate, not a flood: the GUI shares two CPUs
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the device went away (closed from the Lab view): the demo just stops sending
        }
    }

    /** @return the demo device */
    TapDevice device() {
        return device;
    }

    /** @return frames sent so far */
    long sent() {
        return sent;
    }

    @Override
    public void close() {
        stop = true;
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        device.close();
        namespace.close();
    }
}
