package io.tapsteer.ebpf.tests;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.internal.NativeTapService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private namespace with the tap service for one test; everything it makes dies with it. Frames
 * carry their id in their last 8 bytes or, cut short, in their source MAC (see {@link LabFrames}), so
 * any frame (VLAN, options, fragment, non-IP, truncated) can be traced to the queue it arrived on.
 */
final class EbpfLab implements AutoCloseable {
    /** What arrived: frame id per queue index. */
    record Arrivals(List<List<Long>> perQueue, int total) {
        int queueOf(long id) {
            for (int q = 0; q < perQueue.size(); q++) {
                if (perQueue.get(q).contains(id)) {
                    return q;
                }
            }
            return -1;
        }
    }

    final NativeTapService service = new NativeTapService(null);
    final NetNamespace ns;

    EbpfLab(String label) {
        ns = service.privateNamespace(label);
    }

    TapDevice tap(int queues) {
        return service.create(TapOptions.builder().name("ebpf%d").queues(queues).build(), ns);
    }

    /**
     * Sends the frames (each already holding its id in its last 8 bytes) in chunks small enough for
     * the queue rings, draining after each chunk; bounded in count and time.
     *
     * @return where each frame arrived, as frame ids per queue index
     */
    Arrivals sendAndCollect(TapDevice tap, List<byte[]> frames) {
        int queues = tap.attachedQueues();
        List<List<Long>> perQueue = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            perQueue.add(new ArrayList<>());
        }
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        ByteBuffer in = ByteBuffer.allocateDirect(65536);
        int total = 0;
        try (PacketSocket s = service.openPacketSocket(tap, false)) {
            for (int first = 0; first < frames.size(); first += 256) {
                int last = Math.min(frames.size(), first + 256);
                int expected = 0;
                for (int i = first; i < last; i++) {
                    byte[] f = frames.get(i);
                    out.put(0, f);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    while (!s.send(out, 0, f.length)) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("the AF_PACKET socket stayed blocked for frame " + i);
                        }
                    }
                    expected++;
                }
                int got = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (got < expected && System.nanoTime() < deadline) {
                    for (TapQueue q : tap.queues()) {
                        int n;
                        while ((n = q.read(in, 0, in.capacity())) > 0) {
                            perQueue.get(q.index()).add(LabFrames.idOf(in, n));
                            got++;
                        }
                    }
                }
                total += got;
            }
        }
        return new Arrivals(perQueue, total);
    }

    /** @return open fds of this process */
    /**
     * @return fds of this process that are eBPF programs or maps: other threads of the test runtime
     *         open and close files of their own meanwhile, so counting every fd would blame them
     */
    static int openBpfFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.filter(EbpfLab::isBpf).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isBpf(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("anon_inode:bpf");
        } catch (IOException e) { // closed while listing: not ours to count
            return false;
        }
    }

    @Override
    public void close() {
        service.closeAll();
        ns.close();
    }
}
