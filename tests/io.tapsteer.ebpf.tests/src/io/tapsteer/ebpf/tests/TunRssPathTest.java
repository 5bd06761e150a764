package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.TunRss;
import io.tapsteer.tap.internal.Probe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The tun RSS ioctl path of the virtio-net RSS series, chosen by the probe's verdict (absent on this kernel). */
class TunRssPathTest {

    @Test
    void theProbesVerdictChoosesThePath() {
        TapFeatures f = Probe.run();
        try (EbpfLab lab = new EbpfLab("verdict"); EbpfKernelSteering k = new EbpfKernelSteering(f.rssIoctls())) {
            TapDevice tap = lab.tap(2);
            KernelSteeringStatus s = k.attach(tap, KernelProgram.rss(RssConfig.defaults(2)), "lab");
            if (f.rssIoctls()) {
                assertEquals(-1, s.programFd());
                assertTrue(s.maps().startsWith("tun RSS (TUNSETVNETHASH)"), s.maps());
            } else {
                assertTrue(s.programFd() >= 0, "no tun RSS here: the eBPF program steers");
                assertTrue(s.maps().contains("ts_rss_state"), s.maps());
            }
        }
    }

    @Test
    void aVerdictThisKernelCannotKeepFailsInWordsAndAttachesNothing() {
        TapFeatures f = Probe.run();
        if (f.rssIoctls()) {
            return; // a kernel with tun RSS takes the path in theProbesVerdictChoosesThePath
        }
        try (EbpfLab lab = new EbpfLab("tunrss"); EbpfKernelSteering k = new EbpfKernelSteering(true)) {
            TapDevice tap = lab.tap(2);
            TapException e = assertThrows(TapException.class, () -> k.attach(tap, KernelProgram.rss(RssConfig.defaults(2)), "lab"));
            assertEquals("ioctl(TUNSETVNETHASH)", e.call());
            assertTrue(e.getMessage().contains("this kernel has no tun RSS"), e.getMessage());
            assertFalse(k.status(tap).isPresent());
            assertTrue(k.attach(tap, KernelProgram.fixedQueue(1), "lab").programFd() >= 0, "other kinds still use eBPF");
        }
    }

    @Test
    void theIoctlArgumentFollowsTheSeriesLayout() {
        RssConfig c = new RssConfig(RssConfig.DEFAULT_KEY, HashType.TCPv4.bit() | HashType.IPv4.bit(), new int[] {1, 0, 1, 1}, 1, true);
        ByteBuffer b = ByteBuffer.wrap(TunRss.encode(c)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8 + 4 + 4 * 2 + 16, b.capacity(), "hash + rss + table + key of tuple 12 + 4");
        assertEquals(TunRss.TUN_VNET_HASH_RSS, b.getShort(0));
        assertEquals(0x3, b.getInt(4), "types");
        assertEquals(3, b.getShort(8), "indirection_table_mask");
        assertEquals(1, b.getShort(10), "unclassified_queue");
        assertEquals(1, b.getShort(12));
        assertEquals(0, b.getShort(14));
        assertEquals(0x6d, b.get(20) & 0xff, "key starts after the table");
    }
}
