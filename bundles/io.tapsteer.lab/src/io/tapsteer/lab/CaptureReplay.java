package io.tapsteer.lab;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.capture.CaptureException;
import io.tapsteer.lab.capture.CaptureFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a capture's Ethernet frames into a tap through an AF_PACKET socket opened in the tap's
 * namespace, so they take the tap's transmit path (steering eBPF or automq) into its queues like the
 * lab's own traffic. Bounded: at most {@code loops} passes over the file and at most a time limit,
 * optionally at a fixed rate.
 *
 * <p>Frames that cannot go out as they were captured are counted, never sent: shorter than an
 * Ethernet header, longer than the tap's MTU allows (14 header bytes plus 4 per VLAN tag on top),
 * or cut short by the capture's snapshot length. A file damaged part way stops the replay; the
 * frames before the damage were sent and the damage is reported. Frames the socket could not take
 * (it would block) are retried, so {@link Result#sent()} is exactly what the kernel accepted.
 */
public final class CaptureReplay {
    /** Ethernet header without tags. */
    static final int ETHERNET_HEADER = 14;
    /** Most time behind schedule a paced replay makes up. */
    static final long CATCH_UP_NANOS = 2_000_000L;

    /**
     * What a replay did.
     *
     * @param passes whole passes over the file
     * @param sent frames the kernel accepted
     * @param notEthernet frames shorter than an Ethernet header, not sent
     * @param tooLong frames longer than the tap's MTU allows, not sent
     * @param truncated frames the capture holds only part of, not sent
     * @param elapsedNanos time from the first send to the end
     * @param timedOut whether the time limit ended it before the last pass
     * @param damage what was wrong with the file where reading stopped early, or null
     */
    public record Result(int passes, long sent, long notEthernet, long tooLong, long truncated, long elapsedNanos,
            boolean timedOut, String damage) {
        /** @return frames read from the file and not sent */
        public long skipped() {
            return notEthernet + tooLong + truncated;
        }
    }

    private final TapService service;
    private final TapDevice device;
    private final Path file;
    private final long rate;
    private final int loops;
    private final long maxNanos;

    private CaptureReplay(Builder b) {
        this.service = b.service;
        this.device = b.device;
        this.file = b.file;
        this.rate = b.rate;
        this.loops = b.loops;
        this.maxNanos = b.duration.toNanos();
    }

    /**
     * @param service opens the packet socket
     * @param device the tap to send into (in its namespace)
     * @param file a pcap or pcapng capture of Ethernet frames
     * @return a builder: one pass, unlimited rate, 60 s
     */
    public static Builder builder(TapService service, TapDevice device, Path file) {
        return new Builder(service, device, file);
    }

    /**
     * Opens the file (refusing one that is not an Ethernet capture before anything is sent), then
     * sends on a thread in the device's namespace and waits for it.
     *
     * @return what was sent and what was not
     * @throws CaptureException when the file is missing, not a capture or not of Ethernet frames
     * @throws TapException when the socket cannot be opened or the device goes away
     * @throws InterruptedException when interrupted while waiting; the replay stops
     */
    public Result run() throws CaptureException, InterruptedException {
        CaptureFile.open(file).close(); // refuse a bad file in words before the namespace thread starts
        CompletableFuture<Result> done = new CompletableFuture<>();
        Runnable body = () -> {
            try {
                done.complete(send());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        };
        NetNamespace ns = device.namespace();
        String name = "tapsteer-replay-" + device.name();
        Thread t;
        if (ns == null) {
            t = new Thread(body, name);
            t.setDaemon(true);
            t.start();
        } else {
            t = ns.startThread(name, body);
        }
        try {
            return done.get(maxNanos + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CaptureException c) {
                throw c;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("replay of " + file + " into " + device.name() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("replay of " + file + " into " + device.name() + " did not end within its time limit");
        } catch (InterruptedException e) {
            t.interrupt();
            throw e;
        }
    }

    private Result send() throws CaptureException {
        int mtu = device.mtu();
        int slot = mtu + ETHERNET_HEADER + 8;
        ByteBuffer batch = ByteBuffer.allocateDirect(PacketSocket.MAX_BATCH * slot);
        Batch b = new Batch(batch, slot);
        Pace pace = rate > 0 ? new Pace(rate, 0, CATCH_UP_NANOS) : null;
        long start = System.nanoTime();
        long deadline = start + maxNanos;
        if (pace != null) {
            pace.start(start);
        }
        long notEthernet = 0;
        long tooLong = 0;
        long truncated = 0;
        int passes = 0;
        String damage = null;
        try (PacketSocket socket = service.openPacketSocket(device, false)) {
            while (passes < loops && !b.timedOut && damage == null) {
                try (CaptureFile capture = CaptureFile.open(file)) {
                    try {
                        while (capture.next() && !b.timedOut) {
                            int n = capture.length();
                            if (n < ETHERNET_HEADER) {
                                notEthernet++;
                            } else if (n - headerOf(capture.buffer(), n) > mtu) {
                                tooLong++;
                            } else {
                                b.add(capture.buffer(), n);
                                if (b.count == PacketSocket.MAX_BATCH) {
                                    b.flush(socket, pace, deadline);
                                }
                            }
                        }
                    } catch (CaptureException e) {
                        damage = e.getMessage();
                    }
                    truncated += capture.truncated();
                }
                b.flush(socket, pace, deadline);
                if (!b.timedOut && damage == null) {
                    passes++;
                }
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        return new Result(passes, b.sent, notEthernet, tooLong, truncated, System.nanoTime() - start, b.timedOut, damage);
    }

    /** The L2 header length: 14, plus 4 for each 802.1Q or 802.1ad tag (at most two). */
    static int headerOf(ByteBuffer frame, int length) {
        int at = 12;
        int header = ETHERNET_HEADER;
        for (int tags = 0; tags < 2 && at + 4 <= length; tags++) {
            int type = frame.getShort(at) & 0xffff;
            if (type != 0x8100 && type != 0x88a8) {
                break;
            }
            header += 4;
            at += 4;
        }
        return header;
    }

    /** Frames staged for one sendmmsg call, and what was sent. */
    private static final class Batch {
        private final ByteBuffer buffer;
        private final int slot;
        private final int[] offsets = new int[PacketSocket.MAX_BATCH];
        private final int[] lengths = new int[PacketSocket.MAX_BATCH];
        private final int[] restOffsets = new int[PacketSocket.MAX_BATCH];
        private final int[] restLengths = new int[PacketSocket.MAX_BATCH];
        private int count;
        private long sent;
        private boolean timedOut;

        Batch(ByteBuffer buffer, int slot) {
            this.buffer = buffer;
            this.slot = slot;
        }

        void add(ByteBuffer frame, int length) {
            int at = count * slot;
            buffer.put(at, frame, 0, length);
            offsets[count] = at;
            lengths[count] = length;
            count++;
        }

        /** Sends the staged frames, paced, retrying what the socket could not take yet. */
        void flush(PacketSocket socket, Pace pace, long deadline) {
            int done = 0;
            while (done < count) {
                long now = System.nanoTime();
                if (now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    timedOut = true;
                    break;
                }
                int n = count - done;
                if (pace != null) {
                    long wait = pace.wait(sent, now);
                    if (wait > 0) {
                        LockSupport.parkNanos(Math.min(wait, deadline - now));
                        continue;
                    }
                    n = (int) Math.min(n, pace.due(sent, now));
                }
                System.arraycopy(offsets, done, restOffsets, 0, n);
                System.arraycopy(lengths, done, restLengths, 0, n);
                int m = socket.sendBatch(buffer, restOffsets, restLengths, n);
                if (m == 0) {
                    Thread.onSpinWait(); // the socket is full: the kernel drains it within microseconds
                }
                done += m;
                sent += m;
            }
            count = 0;
        }
    }

    /** Builder of a {@link CaptureReplay}; {@link #build()} validates. */
    public static final class Builder {
        private final TapService service;
        private final TapDevice device;
        private final Path file;
        private long rate;
        private int loops = 1;
        private Duration duration = Duration.ofSeconds(60);

        private Builder(TapService service, TapDevice device, Path file) {
            this.service = Objects.requireNonNull(service, "service");
            this.device = Objects.requireNonNull(device, "device");
            this.file = Objects.requireNonNull(file, "file");
        }

        /** @param framesPerSecond target rate, 0 for as fast as the socket takes them @return this */
        public Builder rate(long framesPerSecond) { this.rate = framesPerSecond; return this; }
        /** @param passes passes over the file, 1 to 1000 @return this */
        public Builder loops(int passes) { this.loops = passes; return this; }
        /** @param limit stop after this long, at most 10 minutes @return this */
        public Builder duration(Duration limit) { this.duration = Objects.requireNonNull(limit, "duration"); return this; }

        /**
         * @return a replay, not yet run
         * @throws IllegalArgumentException naming the wrong value and what is allowed
         */
        public CaptureReplay build() {
            if (rate < 0) {
                throw new IllegalArgumentException("--rate " + rate + " must be 0 (as fast as possible) or more frames per second");
            }
            if (loops < 1 || loops > 1000) {
                throw new IllegalArgumentException("--loop " + loops + " is out of range: 1 to 1000 passes over the file");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("--seconds " + duration.toSeconds() + " is out of range: 1 to 600");
            }
            return new CaptureReplay(this);
        }
    }
}
