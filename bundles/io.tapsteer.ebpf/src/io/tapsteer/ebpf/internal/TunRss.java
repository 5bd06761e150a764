package io.tapsteer.ebpf.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.Errors;
import io.tapsteer.tap.sys.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The tun RSS of the "tun: Introduce virtio-net RSS" patch series, used instead of eBPF when the probe finds
 * its ioctls. TUNSETVNETHASH takes, one after the other: struct tun_vnet_hash {u16 flags; u8 pad[2];
 * u32 types}, struct tun_vnet_hash_rss {u16 indirection_table_mask; u16 unclassified_queue},
 * u16 indirection_table[mask + 1], u8 key[key length of the types].
 */
public final class TunRss {
    private TunRss() {
    }

    /** Set the hash configuration (virtio-net RSS series; not in mainline kernels). */
    public static final long TUNSETVNETHASH = 0x400854e5L;
    /** TUN_VNET_HASH_RSS. */
    public static final int TUN_VNET_HASH_RSS = 0x0002;

    /** @return the ioctl argument for {@code config} (little endian, as the kernel reads it) */
    public static byte[] encode(RssConfig config) {
        int n = config.tableSize();
        int keyLength = Math.max(RssConfig.keyBytesNeeded(config.hashTypes()), 0);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 2 * n + keyLength).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) TUN_VNET_HASH_RSS).putShort((short) 0).putInt(config.hashTypes());
        b.putShort((short) (n - 1)).putShort((short) config.unclassifiedQueue());
        for (int i = 0; i < n; i++) {
            b.putShort((short) config.slot(i));
        }
        b.put(config.key(), 0, keyLength);
        return b.array();
    }

    /**
     * Configures tun RSS on the device ({@code null} turns it off: flags 0).
     *
     * @throws TapException with the errno; EINVAL or ENOTTY say that this kernel lacks tun RSS
     */
    public static void apply(TapDevice device, RssConfig config) {
        byte[] arg = config == null ? new byte[8] : encode(config);
        TapQueue q = device.queues().get(0);
        try (Memory m = new Memory(arg.length)) {
            m.write(0, arg, 0, arg.length);
            if (LibC.ioctl(q.fd(), TUNSETVNETHASH, Pointer.nativeValue(m)) < 0) {
                int errno = Errors.errno();
                if (errno == Errno.EINVAL || errno == Errno.ENOTTY) {
                    throw new TapException("ioctl(TUNSETVNETHASH)", errno, "ioctl(TUNSETVNETHASH) on tap \"" + device.name()
                            + "\" failed with " + Errno.name(errno) + ": this kernel has no tun RSS (the probe decides; "
                            + "tapsteer steers with its eBPF program when the probe says so)");
                }
                throw Errors.fail("ioctl(TUNSETVNETHASH)", "tap \"" + device.name() + "\"", errno);
            }
        }
    }
}
