package io.tapsteer.bench.internal;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.bench.BenchOptions;
import io.tapsteer.lab.capture.CaptureException;
import io.tapsteer.lab.capture.PcapngWriter;
import io.tapsteer.lab.capture.QueueCapture;
import io.tapsteer.rss.RssEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Kernel-to-user frames/s: the C AF_PACKET generator sends through the tap's transmit path (automq
 * or an attached steering program spreads the flows over the queues) while a reader drains the
 * queues. The same generator, flows and frame size for every reader; only the reader differs.
 */
public final class RxBench {
    /** Flows the generator cycles through: enough for automq to spread over 4 queues. */
    public static final int FLOWS = 1024;
    /** UDP payload bytes: 106-byte frames, the small-frame case where per-frame cost dominates. */
    public static final int PAYLOAD = 64;
    /** A reader stops this long after the last frame once frames flowed. */
    public static final int IDLE_MS = 200;

    private final BenchTap tap;
    private final CBaselines c;
    private final BenchOptions options;
    private volatile double lastGeneratorMpps;

    public RxBench(BenchTap tap, CBaselines c, BenchOptions options) {
        this.tap = tap;
        this.c = c;
        this.options = options;
    }

    /** Reads with tapsteer's queue manager (pollers, pool, batches, lanes) delivering to a no-op handler. */
    public RxResult tapsteer(int queues) {
        TapDevice device = tap.open(queues);
        QueueManagerReader reader = null;
        try {
            reader = new QueueManagerReader(device);
            generate();
            awaitQuiet(reader::total);
            return reader.stop();
        } finally {
            if (reader != null) {
                reader.stop();
            }
            device.close();
        }
    }

    /**
     * {@link #tapsteer(int)} with a per-queue pcapng capture of every frame (as {@code stats:capture}
     * makes it): the handler copies each frame into its lane's ring, a writer thread writes the
     * rings to a temporary file, deleted afterwards. Lanes are queues under automq.
     */
    public RxResult tapsteerCapture(int queues) {
        TapDevice device = tap.open(queues);
        boolean[] wanted = new boolean[queues];
        Arrays.fill(wanted, true);
        QueueCapture capture = new QueueCapture(device.name(), wanted, queues, 256, new RssEngine(RssConfig.defaults(queues)));
        Path file = null;
        QueueManagerReader reader = null;
        Thread writer = null;
        try {
            file = Files.createTempFile("tapsteer-bench-capture", ".pcapng");
            PcapngWriter out = PcapngWriter.create(file, capture.interfaceNames(), 256);
            Path f = file;
            writer = new Thread(() -> {
                try (out) {
                    capture.write(f, out, Long.MAX_VALUE, 3600);
                } catch (CaptureException e) {
                    // the figure is the readers'; a capture that could not be finished costs no more
                }
            }, "bench-capture-writer");
            writer.start();
            reader = new QueueManagerReader(device, capture);
            generate();
            awaitQuiet(reader::total);
            return reader.stop();
        } catch (CaptureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for the capture: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                reader.stop();
            }
            if (writer != null) {
                writer.interrupt();
                try {
                    writer.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            device.close();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is not worth failing the run for
                }
            }
        }
    }

    /** Reads with tapsteer's tap-native binding alone (TapQueue.read, one thread per queue). */
    public RxResult binding(int queues) {
        return binding(queues, d -> { }, d -> { });
    }

    /**
     * Reads with tapsteer's tap-native binding, with a set-up (for example a steering program to
     * attach) done once the queues are attached and undone before they close.
     */
    public RxResult binding(int queues, Consumer<TapDevice> setUp, Consumer<TapDevice> tearDown) {
        TapDevice device = tap.open(queues);
        TapQueueReader reader = null;
        try {
            setUp.accept(device);
            reader = new TapQueueReader(device.queues());
            generate();
            awaitQuiet(reader::total);
            return reader.stop();
        } finally {
            if (reader != null) {
                reader.stop(); // idempotent: ends the pollers when the generator failed
            }
            try {
                tearDown.accept(device);
            } finally {
                device.close();
            }
        }
    }

    /** Reads with the C baseline (one thread per queue, read(2)). */
    public RxResult c(int queues) {
        return c(queues, "read");
    }

    /**
     * Reads with the C baseline's io_uring mode: one submission of 64 reads with RWF_NOWAIT per
     * wake-up, as tapsteer's pollers read.
     */
    public RxResult cUring(int queues) {
        return c(queues, "uring");
    }

    private RxResult c(int queues, String mode) {
        CBaselines.Running r = c.start(tap.namespace(), 10, "tsb_read", tap.name(), String.valueOf(queues),
                String.valueOf(options.seconds()), String.valueOf(IDLE_MS), String.valueOf(options.rxFrames()), mode);
        try {
            generate();
        } catch (RuntimeException e) {
            r.kill();
            throw e;
        }
        Map<String, Long> m = r.finish(options.seconds() + 5);
        return new RxResult(m.get("frames"), m.get("ns"));
    }

    /**
     * Reads with the C baseline while a kernel steering program steers: tapsteer opens the queues,
     * attaches the program (it needs attached queues to validate against and to ioctl on), then
     * detaches its queues so that only the C reader's queues receive; the program stays with the
     * device. Afterwards tapsteer re-attaches its queues, detaches the program and closes them.
     */
    public RxResult cWithProgram(int queues, Consumer<TapDevice> attach, Consumer<TapDevice> detach) {
        TapDevice device = tap.open(queues);
        try {
            attach.accept(device);
            try {
                for (TapQueue q : device.queues()) {
                    device.detach(q);
                }
                try {
                    return c(queues);
                } finally {
                    for (TapQueue q : device.queues()) {
                        device.attach(q);
                    }
                }
            } finally {
                detach.accept(device);
            }
        } finally {
            device.close();
        }
    }

    /** Runs the generator to its end (bounded by the frame count and the time limit). */
    public void generate() {
        Map<String, Long> m = c.run(tap.namespace(), options.seconds() + 5, "tsb_gen", tap.name(),
                String.valueOf(options.rxFrames()), String.valueOf(options.seconds()), String.valueOf(FLOWS),
                String.valueOf(PAYLOAD));
        lastGeneratorMpps = m.get("sent") * 1e3 / Math.max(1, m.get("ns"));
    }

    /** @return the generator's send rate in the last measurement: when a reader slows it, they share a CPU */
    public double lastGeneratorMpps() {
        return lastGeneratorMpps;
    }

    /** Waits until every generated frame was read, or no frame came for {@link #IDLE_MS}, or time is up. */
    private void awaitQuiet(LongSupplier total) {
        long deadline = System.nanoTime() + options.seconds() * 1_000_000_000L;
        long seen = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = total.getAsLong();
            if (now >= options.rxFrames()) {
                return;
            }
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > IDLE_MS * 1_000_000L) {
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
