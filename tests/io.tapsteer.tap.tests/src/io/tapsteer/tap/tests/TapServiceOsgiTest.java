package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.tap.internal.Probe;
import io.tapsteer.tap.sys.LibC;
import io.tapsteer.testsupport.Osgi;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The DS component in a real OSGi framework, and the probe's verdict without CAP_NET_ADMIN. */
class TapServiceOsgiTest {

    private static <T> T await(Class<T> type) throws InterruptedException {
        return Osgi.await(Osgi.context(TapServiceOsgiTest.class), type, null, 10_000);
    }

    @Test
    void serviceIsRegisteredAndMakesTaps() throws Exception {
        TapService service = await(TapService.class);
        assertNotNull(service, "TapService registered by DS");
        TapFeatures f = await(TapFeatures.class);
        assertTrue(f.tunAvailable(), f.tunDetail());
        assertEquals(256, f.maxQueues());
        try (var ns = service.privateNamespace("osgi")) {
            TapDevice tap = service.create(TapOptions.builder().name("osgi%d").queues(2).build(), ns);
            assertEquals(2, tap.attachedQueues());
            assertTrue(service.devices().contains(tap));
            tap.close();
            assertFalse(service.devices().contains(tap));
        }
    }

    @Test
    void probeReportsMissingCapabilityInWords() throws Exception {
        // capabilities are per thread on Linux: drop CAP_NET_ADMIN on one thread and probe there
        CompletableFuture<TapFeatures> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                dropNetAdmin();
                result.complete(Probe.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.start();
        TapFeatures f = result.get(30, TimeUnit.SECONDS);
        assertFalse(f.netAdmin());
        assertFalse(f.tunAvailable());
        assertTrue(f.tunDetail().contains("needs CAP_NET_ADMIN: run as root or grant the capability"), f.tunDetail());
        assertTrue(Probe.report(f).contains("CAP_NET_ADMIN     absent"), Probe.report(f));
    }

    @Test
    void probeSaysWhatThisKernelLacks() throws Exception {
        TapFeatures f = await(TapFeatures.class);
        String report = Probe.report(f);
        assertTrue(report.contains("tun RSS ioctls"), report);
        assertTrue(f.rssIoctls() || f.rssDetail().startsWith("not available"), f.rssDetail());
        assertTrue(f.steeringEbpf(), f.steeringEbpfDetail());
        assertTrue((f.features() & 0x100) != 0, "IFF_MULTI_QUEUE among the features");
        assertTrue(report.contains("batched I/O       " + f.batchIoDetail()), report);
        assertTrue(f.batchIo() == f.batchIoDetail().startsWith("available: io_uring batch of 1 for tap"), f.batchIoDetail());
        // this kernel (6.x) takes a sparse table of registered files: the probe says the fast form runs
        assertTrue(!f.batchIo() || f.batchIoDetail().endsWith("queues as registered files)"), f.batchIoDetail());
    }

    /** capset(2) on the calling thread: effective set without bit 12 (CAP_NET_ADMIN). */
    private static void dropNetAdmin() {
        try (Memory header = new Memory(8); Memory data = new Memory(24)) {
            header.setInt(0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3
            header.setInt(4, 0);
            if (LibC.syscall(125, Pointer.nativeValue(header), Pointer.nativeValue(data), 0) != 0) {
                throw new AssertionError("capget failed");
            }
            data.setInt(0, data.getInt(0) & ~(1 << 12));
            if (LibC.syscall(126, Pointer.nativeValue(header), Pointer.nativeValue(data), 0) != 0) {
                throw new AssertionError("capset failed");
            }
        }
    }
}
