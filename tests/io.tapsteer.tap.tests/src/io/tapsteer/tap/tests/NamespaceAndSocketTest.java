package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.lab.Flows;
import io.tapsteer.tap.internal.NativeTapService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Named namespaces, AF_PACKET receive, vnet headers on read, devices gone after close. */
class NamespaceAndSocketTest {

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": " + out);
        }
    }

    @Test
    void joinsANamedNamespaceAndCreatesTheTapThere() throws Exception {
        String name = "tapsteer-test-" + ProcessHandle.current().pid();
        NativeTapService service = new NativeTapService(null);
        run("ip", "netns", "add", name);
        try (NetNamespace ns = service.joinNamespace(name)) {
            TapDevice tap = service.create(TapOptions.builder().name("named0").queues(2).build(), ns);
            Process p = new ProcessBuilder("ip", "-n", name, "-d", "link", "show", "dev", "named0").start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            assertTrue(out.contains("numqueues 2"), out);
            tap.close();
        } finally {
            run("ip", "netns", "del", name);
        }
    }

    @Test
    void joiningAMissingNamespaceSaysSo() {
        NativeTapService service = new NativeTapService(null);
        TapException e = assertThrows(TapException.class, () -> service.joinNamespace("tapsteer-no-such-ns"));
        assertTrue(e.getMessage().contains("open(/run/netns/tapsteer-no-such-ns)"), e.getMessage());
        assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
    }

    @Test
    void receivingSocketSeesFramesWrittenIntoTheTap() {
        try (TapLab lab = new TapLab("recv")) {
            TapDevice tap = lab.tap(2);
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            FrameBuilder b = new FrameBuilder();
            try (PacketSocket s = lab.service.openPacketSocket(tap, true)) {
                for (int i = 0; i < 5; i++) {
                    int len = Flows.mixed(b, i).stamp(i, 42).writeTo(buf, 0);
                    assertEquals(len, tap.queues().get(i % 2).write(buf, 0, len));
                }
                int seen = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (seen < 5 && System.nanoTime() < deadline) {
                    int n = s.receive(buf, 0, 2048);
                    if (n > 0) {
                        int p = FrameBuilder.payloadOffset(buf, 0);
                        assertEquals(42, buf.getLong(p + FrameBuilder.PAYLOAD_SEQUENCE));
                        seen++;
                    }
                }
                assertEquals(5, seen, "frames written on the queues, seen on the device");
            }
        }
    }

    @Test
    void readsCarryTheVnetHeaderBeforeTheFrame() {
        try (TapLab lab = new TapLab("vnet")) {
            TapDevice tap = lab.service.create(TapOptions.builder().name("vh%d").queues(1).vnetHeaderSize(12).build(), lab.ns);
            assertEquals(1, lab.sendFlows(tap, 1, 0));
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            TapQueue q = tap.queues().get(0);
            int n = q.read(buf, 0, 4096);
            int expected = new FrameBuilder().reset().ipv4(Flows.ipv4Source(0), Flows.ipv4Destination(0)).udp(1, 2).length();
            assertEquals(12 + expected, n, "12-byte vnet header + the frame");
            assertEquals(FrameBuilder.ETH_IPV4, buf.getShort(12 + 12) & 0xffff, "EtherType right after the header");
        }
    }

    @Test
    void nonPersistentTapVanishesWithItsLastFd() {
        try (TapLab lab = new TapLab("vanish")) {
            TapDevice tap = lab.tap(3);
            String name = tap.name();
            assertTrue(lab.sh("ip", "link", "show").contains(name));
            tap.close();
            assertTrue(tap.isClosed());
            assertFalse(lab.sh("ip", "link", "show").contains(name), "device gone after close");
            assertTrue(lab.service.devices().isEmpty());
        }
    }
}
