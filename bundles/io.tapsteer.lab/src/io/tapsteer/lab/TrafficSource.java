package io.tapsteer.lab;

import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.PacketSocket;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapService;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded lab traffic source: an AF_PACKET socket on a tap sends frames of {@code flows} flows,
 * round robin (frame {@code k} belongs to flow {@code k % flows} and carries that flow's sequence
 * number {@code k / flows}), with sendmmsg batches, optionally at a fixed rate. It always stops: after
 * {@link Builder#frames(long) a frame count} and after {@link Builder#duration(Duration) a time
 * limit}, whichever comes first. It runs on its own thread started inside the device's namespace, so
 * frames go through the tap's transmit path (steering eBPF or automq) into its queues.
 *
 * <p>Frames the socket could not take (it would block) are retried, never skipped, so every flow's
 * sequence numbers arrive without gaps; {@link Result#sent()} counts exactly what the kernel
 * accepted. Steady state allocates nothing: each flow's frame is built once into a template and the
 * per-frame work is one copy and one sequence stamp.
 *
 * <p>At a fixed rate the schedule starts once the templates are built and ramps up over its first
 * {@value #RAMP_MILLIS} ms (from nothing to the full rate), so the receivers' threads and compiled
 * code warm up on a trickle instead of a burst. A source that falls behind (its thread was not
 * scheduled) catches up by at most {@value #CATCH_UP_MILLIS} ms of frames; the rest of the deficit is
 * given up, so it never bursts a backlog at the socket's full speed into the tap's queue rings.
 */
public final class TrafficSource implements AutoCloseable {
    /** The flow set a source sends. */
    public enum Mix {
        /** IPv4/UDP, IPv4/TCP, IPv6/TCP, IPv6/UDP in turn ({@link Flows#mixed}). */
        MIXED,
        /** IPv4/UDP only. */
        IPV4_UDP,
        /** IPv4/TCP only. */
        IPV4_TCP,
        /** IPv6/UDP only. */
        IPV6_UDP,
        /** IPv6/TCP only. */
        IPV6_TCP,
        /**
         * The mixed set, VLAN-tagged: 802.1Q with VLAN ids 100 to 103, and every fourth flow 802.1ad
         * QinQ (outer VLAN 200), so steering is seen to look past the tags.
         */
        VLAN
    }

    /**
     * What a source did.
     *
     * @param sent frames the kernel accepted
     * @param wouldBlock send calls that took nothing because the socket was full
     * @param elapsedNanos time from the first send to the stop
     * @param timedOut whether the time limit stopped it before the frame count
     * @param deviceGone whether it stopped because the tap vanished underneath (deleted, or its
     *        namespace closed): not a failure of the source, {@code sent} still counts what the
     *        kernel accepted before
     */
    public record Result(long sent, long wouldBlock, long elapsedNanos, boolean timedOut, boolean deviceGone) {
        /** @return frames per second over the run */
        public double framesPerSecond() {
            return elapsedNanos == 0 ? 0 : sent * 1e9 / elapsedNanos;
        }
    }

    /** The ramp from nothing to the full rate at the start of a paced run. */
    static final long RAMP_MILLIS = 1000;
    /** Most time behind schedule a paced source makes up: a longer stall is not sent as a burst. */
    static final long CATCH_UP_MILLIS = 2;
    private final TapService service;
    private final TapDevice device;
    private final int flows;
    private final long firstFlowId;
    private final Mix mix;
    private final int payload;
    private final long rate;
    private final long maxFrames;
    private final long maxNanos;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile long sent;
    private volatile Result result;
    private volatile Throwable failure;
    private Thread thread;

    private TrafficSource(Builder b) {
        this.service = b.service;
        this.device = b.device;
        this.flows = b.flows;
        this.firstFlowId = b.firstFlowId;
        this.mix = b.mix;
        this.payload = b.payload;
        this.rate = b.rate;
        this.maxFrames = b.frames;
        this.maxNanos = b.duration.toNanos();
    }

    /**
     * @param service opens the packet socket
     * @param device the tap to send on (in its namespace)
     * @return a builder: 1 flow, mixed, 16-byte payload, unlimited rate, 1000 frames, 10 s
     */
    public static Builder builder(TapService service, TapDevice device) {
        return new Builder(service, device);
    }

    /**
     * Starts sending on a new thread in the device's namespace.
     *
     * @return this
     * @throws IllegalStateException when already started
     */
    public synchronized TrafficSource start() {
        if (thread != null) {
            throw new IllegalStateException("traffic source already started: make a new one");
        }
        PacketSocket socket = service.openPacketSocket(device, false);
        String name = "tapsteer-traffic-" + device.name();
        Runnable body = () -> run(socket);
        NetNamespace ns = device.namespace();
        if (ns == null) {
            thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = ns.startThread(name, body);
        }
        return this;
    }

    /** Sends synchronously on the calling thread (the socket is opened in the device's namespace) and returns the result. */
    public Result runHere() {
        synchronized (this) {
            if (thread != null) {
                throw new IllegalStateException("traffic source already started: make a new one");
            }
            thread = Thread.currentThread();
        }
        run(service.openPacketSocket(device, false));
        return result();
    }

    /** @return frames sent so far (updated once per batch) */
    public long sent() {
        return sent;
    }

    /**
     * @param flow a flow index, 0 to flows - 1
     * @return how many frames of that flow were sent (valid after the source stopped)
     */
    public long sentOfFlow(int flow) {
        long s = sent;
        return s / flows + (flow < s % flows ? 1 : 0);
    }

    /** @return the flow id stamped into frames of flow index {@code flow} */
    public long flowId(int flow) {
        return firstFlowId + flow;
    }

    /**
     * Writes the frame this source sends for flow index {@code flow} (with sequence 0; the sequence
     * sits in the payload, which no steering hashes), so a caller can predict where it is steered.
     *
     * @return the frame's length
     */
    public int writeFrameOf(int flow, ByteBuffer into, int off) {
        if (flow < 0 || flow >= flows) {
            throw new IllegalArgumentException("flow " + flow + " is out of range: 0 to " + (flows - 1));
        }
        return FlowTemplates.flow(new FrameBuilder(), mix, flow).payload(payload).stamp(firstFlowId + flow, 0).writeTo(into, off);
    }

    /** @return the number of flows */
    public int flows() {
        return flows;
    }

    /** Asks the source to stop after its current batch. */
    public void stop() {
        stop = true;
    }

    /**
     * Waits for the source to stop by itself (count or time limit).
     *
     * @return what it did
     * @throws IllegalStateException when sending failed, with the cause
     */
    public Result await() {
        try {
            if (!done.await(maxNanos + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS)) {
                stop();
                done.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
        return result();
    }

    private Result result() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("traffic source on " + device.name() + " failed: " + f, f);
        }
        return result;
    }

    /** Stops and waits. */
    @Override
    public void close() {
        stop();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(PacketSocket socket) {
        long start = System.nanoTime();
        long count = 0;
        long blocked = 0;
        boolean timedOut = false;
        boolean gone = false;
        try (socket) {
            FlowTemplates t = new FlowTemplates(flows, mix, payload, firstFlowId);
            ByteBuffer batch = ByteBuffer.allocateDirect(PacketSocket.MAX_BATCH * t.slot);
            int[] offsets = new int[PacketSocket.MAX_BATCH];
            int[] lengths = new int[PacketSocket.MAX_BATCH];
            int[] restOffsets = new int[PacketSocket.MAX_BATCH];
            int[] restLengths = new int[PacketSocket.MAX_BATCH];
            Pace pace = new Pace(rate, RAMP_MILLIS * 1_000_000L, CATCH_UP_MILLIS * 1_000_000L);
            start = System.nanoTime(); // the schedule starts now that the frames are ready
            pace.start(start);
            long deadline = start + maxNanos;
            while (count < maxFrames && !stop) {
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    timedOut = true;
                    break;
                }
                int n = (int) Math.min(PacketSocket.MAX_BATCH, maxFrames - count);
                if (rate > 0) {
                    long wait = pace.wait(count, now);
                    if (wait > 0) {
                        LockSupport.parkNanos(Math.min(wait, deadline - now));
                        continue;
                    }
                    n = (int) Math.min(n, pace.due(count, now));
                }
                for (int i = 0; i < n; i++) {
                    long k = count + i;
                    int flow = (int) (k % flows);
                    offsets[i] = i * t.slot;
                    lengths[i] = t.write(batch, offsets[i], flow, k / flows);
                }
                int done = 0;
                while (done < n && !stop) {
                    int m;
                    if (done == 0) {
                        m = socket.sendBatch(batch, offsets, lengths, n);
                    } else {
                        System.arraycopy(offsets, done, restOffsets, 0, n - done);
                        System.arraycopy(lengths, done, restLengths, 0, n - done);
                        m = socket.sendBatch(batch, restOffsets, restLengths, n - done);
                    }
                    if (m == 0) {
                        blocked++;
                        if (System.nanoTime() - deadline >= 0) {
                            timedOut = true;
                            break;
                        }
                        Thread.onSpinWait(); // the socket is full: the kernel drains it within microseconds
                    }
                    done += m;
                }
                count += done;
                sent = count;
                if (timedOut) {
                    break;
                }
            }
        } catch (TapException e) {
            if (device.isGone()) { // deleted underneath (ENETDOWN or ENXIO): the source ends, what the kernel took stays counted
                gone = true;
            } else {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            result = new Result(count, blocked, System.nanoTime() - start, timedOut, gone);
            done.countDown();
        }
    }

    /** Builder of a {@link TrafficSource}; {@link #build()} validates. */
    public static final class Builder {
        private final TapService service;
        private final TapDevice device;
        private int flows = 1;
        private long firstFlowId;
        private Mix mix = Mix.MIXED;
        private int payload = 16;
        private long rate;
        private long frames = 1000;
        private Duration duration = Duration.ofSeconds(10);

        private Builder(TapService service, TapDevice device) {
            this.service = Objects.requireNonNull(service, "service");
            this.device = Objects.requireNonNull(device, "device");
        }

        /** @param flows distinct flows, 1 to 65536 @return this */
        public Builder flows(int flows) { this.flows = flows; return this; }
        /** @param id the flow id stamped into flow 0's frames (flow i gets id + i) @return this */
        public Builder firstFlowId(long id) { this.firstFlowId = id; return this; }
        /** @param mix the flow set @return this */
        public Builder mix(Mix mix) { this.mix = Objects.requireNonNull(mix, "mix"); return this; }
        /** @param bytes L4 payload bytes, 16 to 1400 @return this */
        public Builder payload(int bytes) { this.payload = bytes; return this; }
        /** @param framesPerSecond target rate, 0 for as fast as the socket takes them @return this */
        public Builder rate(long framesPerSecond) { this.rate = framesPerSecond; return this; }
        /** @param count stop after this many frames, at least 1 @return this */
        public Builder frames(long count) { this.frames = count; return this; }
        /** @param limit stop after this long, at most 10 minutes @return this */
        public Builder duration(Duration limit) { this.duration = Objects.requireNonNull(limit, "duration"); return this; }

        /**
         * @return a source, not yet started
         * @throws IllegalArgumentException naming the wrong value and what is allowed
         */
        public TrafficSource build() {
            if (flows < 1 || flows > 65536) {
                throw new IllegalArgumentException("flows " + flows + " is out of range: 1 to 65536");
            }
            if (payload < 16 || payload > 1400) {
                throw new IllegalArgumentException("payload " + payload + " bytes is out of range: 16 (flow id + sequence) to 1400");
            }
            if (rate < 0) {
                throw new IllegalArgumentException("rate " + rate + " must be 0 (unlimited) or more frames per second");
            }
            if (frames < 1) {
                throw new IllegalArgumentException("frames " + frames + " must be at least 1: a source always stops after a count");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("duration " + duration + " is out of range: more than 0, at most 10 minutes");
            }
            return new TrafficSource(this);
        }
    }
}
