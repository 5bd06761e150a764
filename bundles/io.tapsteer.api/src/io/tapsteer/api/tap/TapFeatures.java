package io.tapsteer.api.tap;

/**
 * What the running kernel and process offer, decided once by a probe.
 *
 * @param tunAvailable whether /dev/net/tun can be opened and a tap created
 * @param tunDetail why not, or a short description
 * @param features the TUNGETFEATURES bits (IFF_*), 0 when unknown
 * @param netAdmin whether the process holds CAP_NET_ADMIN
 * @param maxQueues most queues per tap (256 on Linux)
 * @param rssIoctls whether the tun RSS ioctls (TUNGETVNETHASHCAP) exist
 * @param rssDetail what the probe saw
 * @param steeringEbpf whether a steering eBPF program loads and attaches
 * @param steeringEbpfDetail what the probe saw
 * @param kernelRelease uname -r
 * @param batchIo whether batched queue I/O (io_uring, {@link TapDevice#newBatchIo}) works
 * @param batchIoDetail what the probe saw
 */
public record TapFeatures(boolean tunAvailable, String tunDetail, int features, boolean netAdmin,
        int maxQueues, boolean rssIoctls, String rssDetail, boolean steeringEbpf,
        String steeringEbpfDetail, String kernelRelease, boolean batchIo, String batchIoDetail) {
}
