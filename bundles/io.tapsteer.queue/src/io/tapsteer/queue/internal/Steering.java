package io.tapsteer.queue.internal;

import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.queue.internal.strategy.AutomqStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * The active steering of one device and its RCU-like swap. The steering is one volatile
 * {@link Active}; a swap publishes the next generation and waits until no poller can steer with the
 * old one (each is outside its steering section, or steers with the new generation). Also owns the
 * user-space lanes (started on first need, kept until shutdown) and the kernel path.
 *
 * <p>Everything but {@link #active()}, {@link #lane} and {@link #lanes()} runs under the runtime's
 * control lock.
 */
final class Steering {
    private static final Logger LOG = Logger.getLogger(Steering.class.getName());
    private final DeviceRuntime runtime;
    private final TapDevice device;
    private final Settings settings;
    private final KernelPath kernelPath;
    private volatile Lane[] lanes = new Lane[0];
    private volatile Active active;
    private volatile long lastSwapNanos;
    private long generation;

    Steering(DeviceRuntime runtime, TapDevice device, Settings settings) {
        this.runtime = runtime;
        this.device = device;
        this.settings = settings;
        this.kernelPath = new KernelPath(device);
    }

    /** @return the steering now; null before {@link #begin} */
    Active active() {
        return active;
    }

    /** @return lane {@code index}, which exists once a generation with that many lanes was published */
    Lane lane(int index) {
        return lanes[index];
    }

    /** @return every lane started so far */
    Lane[] lanes() {
        return lanes;
    }

    KernelPath kernelPath() {
        return kernelPath;
    }

    /** @return nanoseconds the last swap took until no poller could steer with the old generation */
    long lastSwapNanos() {
        return lastSwapNanos;
    }

    /** Publishes the first generation, before any poller runs. */
    void begin(SteeringStrategy s, String note) {
        active = compute(s, note, generation);
    }

    /** Publishes a new generation and waits until no running poller can steer with an older one. */
    void swap(SteeringStrategy s, String note, List<Poller> running) {
        Active next = compute(s, note, ++generation);
        long t0 = System.nanoTime();
        active = next;
        long until = t0 + settings.swapTimeoutMillis() * 2_000_000L;
        for (Poller p : running) {
            while (p.isRunning() && !p.passed(next.generation())) {
                if (System.nanoTime() - until > 0) {
                    LOG.warning("tapsteer: poller of queue " + p.queue.id() + " of " + device.name() + " did not reach the swap in time");
                    break;
                }
                LockSupport.parkNanos(10_000L);
            }
        }
        lastSwapNanos = System.nanoTime() - t0;
    }

    private Active compute(SteeringStrategy s, String note, long gen) {
        int queues = Math.max(1, device.attachedQueues());
        KernelPath.Choice c = kernelPath.choose(s, queues);
        int n = c.laneIsQueue() ? queues : settings.lanes() > 0 ? settings.lanes() : queues;
        if (!c.laneIsQueue()) {
            ensureLanes(n);
        }
        String name = s == Strategies.AUTOMQ ? AutomqStrategy.NAME : s.name();
        return new Active(gen, s, c.laneIsQueue(), c.program(), n, name + " via " + c.path() + (note.isEmpty() ? "" : ": " + note));
    }

    private void ensureLanes(int n) {
        Lane[] l = lanes;
        if (l.length >= n) {
            return;
        }
        Lane[] more = Arrays.copyOf(l, n);
        for (int i = l.length; i < n; i++) {
            more[i] = new Lane(runtime, i, settings.budget());
            more[i].start();
        }
        lanes = more;
    }
}
