package io.tapsteer.stats.internal;

import io.tapsteer.api.frame.FrameHandler;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The data path of a queue manager over a real tap, reduced to what stats observes: drain each queue
 * in batches of at most 64 frames, count each batch once on the queue's and the lane's real
 * {@link Counters} (lane = queue), hand the batch to the frame handlers. Driven by {@link #pump} on
 * the caller's thread (one writer per counter, as the contract requires), so a test decides when
 * frames move. The integration tests with the real queue manager are in QueueManagerStatsTest.
 */
final class LabQueueManager implements QueueManager {
    static final int BUDGET = 64;
    private final TapDevice device;
    private final Counters[] queues;
    private final Counters[] lanes;
    private final List<FrameHandler> handlers = new CopyOnWriteArrayList<>();
    private final ByteBuffer pool = ByteBuffer.allocateDirect(BUDGET * 2048);
    private final LabBatch batch;

    LabQueueManager(TapDevice device) {
        this.device = device;
        int n = device.queues().size();
        queues = new Counters[n];
        lanes = new Counters[n];
        for (int i = 0; i < n; i++) {
            queues[i] = new Counters("queue", device.queues().get(i).id());
            lanes[i] = new Counters("lane", i);
        }
        batch = new LabBatch(device.name(), BUDGET);
    }

    void addHandler(FrameHandler h) {
        handlers.add(h);
    }

    /** Drains one batch from every queue. @return frames read */
    int pump() {
        int total = 0;
        List<TapQueue> qs = device.queues();
        for (int i = 0; i < qs.size(); i++) {
            TapQueue q = qs.get(i);
            int n = 0;
            long bytes = 0;
            while (n < BUDGET) {
                int len = q.read(pool, n * 2048, 2048);
                if (len == 0) {
                    break;
                }
                batch.frames[n].set(pool, n * 2048, len, 0, q.index());
                bytes += len;
                n++;
            }
            if (n > 0) {
                queues[i].addRxBatch(n, bytes);
                lanes[i].addRxBatch(n, bytes);
                batch.lane = i;
                batch.size = n;
                for (FrameHandler h : handlers) {
                    h.onBatch(batch);
                }
                total += n;
            }
        }
        return total;
    }

    /** Pumps until every queue is empty, bounded in passes. @return frames read */
    int drain() {
        int total = 0;
        for (int pass = 0; pass < 100_000; pass++) {
            int n = pump();
            if (n == 0) {
                return total;
            }
            total += n;
        }
        throw new AssertionError("queues never ran empty");
    }

    @Override
    public TapDevice device() {
        return device;
    }

    @Override
    public String activeStrategy() {
        return "automq";
    }

    @Override
    public void useStrategy(String name) {
        if (!"automq".equals(name)) {
            throw new IllegalArgumentException("unknown strategy '" + name + "': available are automq");
        }
    }

    @Override
    public List<String> strategies() {
        return List.of("automq");
    }

    @Override
    public int lanes() {
        return lanes.length;
    }

    @Override
    public List<CounterSnapshot> queueCounters() {
        List<CounterSnapshot> out = new ArrayList<>();
        for (Counters c : queues) {
            out.add(c.snapshot());
        }
        return out;
    }

    @Override
    public List<CounterSnapshot> laneCounters() {
        List<CounterSnapshot> out = new ArrayList<>();
        for (Counters c : lanes) {
            out.add(c.snapshot());
        }
        return out;
    }

    @Override
    public boolean transmit(ByteBuffer buffer, int offset, int length) {
        int n = device.queues().get(0).write(buffer, offset, length);
        if (n > 0) {
            queues[0].addTx(1, n);
        }
        return n > 0;
    }
}
