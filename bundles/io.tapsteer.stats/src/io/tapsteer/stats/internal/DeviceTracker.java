package io.tapsteer.stats.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.Rate;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.stats.Balances;
import java.util.ArrayList;
import java.util.List;

/**
 * One device's statistics: reads the queue manager's counters and the kernel's, keeps the history
 * ring and the flow table, and builds {@link DeviceStats} snapshots with rates over a window.
 */
final class DeviceTracker {
    private final String device;
    private final QueueManager manager;
    private final Settings settings;
    private final HistoryRing history;
    private final FlowTable flows;
    private final KernelExplainer kernel;
    private long sequence;
    private long lastDecay = System.nanoTime(); // sampler thread only

    DeviceTracker(String device, QueueManager manager, Settings settings, FlowTable flows) {
        this.device = device;
        this.manager = manager;
        this.settings = settings;
        this.history = new HistoryRing(settings.historySamples());
        this.flows = flows;
        this.kernel = new KernelExplainer(readKernel().counters(), manager.queueCounters(), manager.laneCounters());
    }

    String device() {
        return device;
    }

    QueueManager manager() {
        return manager;
    }

    FlowTable flows() {
        return flows;
    }

    /** Takes a sample into the history ring, after fading the flow counts when a half-life has passed. Sampler thread. */
    DeviceStats sample() {
        long halfLife = settings.flowHalfLifeNanos();
        long now = System.nanoTime();
        if (halfLife > 0 && now - lastDecay >= halfLife) {
            flows.decay();
            lastDecay = now;
        }
        DeviceStats s;
        synchronized (this) {
            s = build(++sequence, settings.windowNanos());
        }
        history.add(s);
        return s;
    }

    /** @return counters read now, rates over {@code windowNanos}; not recorded */
    DeviceStats snapshot(long windowNanos) {
        return build(0, windowNanos);
    }

    List<DeviceStats> history() {
        return history.list();
    }

    /** The kernel's counters, or why they could not be read. */
    private record KernelRead(KernelCounters counters, String error) {
    }

    private KernelRead readKernel() {
        try {
            return new KernelRead(manager.device().kernelCounters(), "");
        } catch (RuntimeException e) { // a vanished device or namespace: say why, keep counting
            return new KernelRead(null, String.valueOf(e.getMessage()));
        }
    }

    private DeviceStats build(long seq, long windowNanos) {
        // kernel first, then tapsteer: tapsteer can only have counted what the kernel delivered before
        KernelRead k = readKernel();
        long now = System.nanoTime();
        long wall = System.currentTimeMillis();
        List<CounterSnapshot> queues = manager.queueCounters();
        List<CounterSnapshot> lanes = manager.laneCounters();
        DeviceStats base = history.windowStart(now - windowNanos, now);
        long dt = base == null ? 0 : now - base.timeNanos();
        List<CounterSnapshot> baseQueues = base == null ? null : counters(base.queues());
        List<CounterSnapshot> baseLanes = base == null ? null : counters(base.lanes());

        int[] ids = new int[queues.size()];
        long[] rx = new long[queues.size()];
        long rxTotal = 0;
        for (int i = 0; i < ids.length; i++) {
            CounterSnapshot q = queues.get(i);
            ids[i] = q.index();
            rx[i] = Rates.rxPackets(q, Rates.byIndex(baseQueues, q.index()));
            rxTotal += rx[i];
        }
        List<QueueStats> queueStats = stats(queues, baseQueues, dt, rx, rxTotal);
        int[] laneIds = new int[lanes.size()];
        long[] laneRx = new long[lanes.size()];
        long laneTotal = 0;
        for (int i = 0; i < laneRx.length; i++) {
            laneIds[i] = lanes.get(i).index();
            laneRx[i] = Rates.rxPackets(lanes.get(i), Rates.byIndex(baseLanes, laneIds[i]));
            laneTotal += laneRx[i];
        }
        List<QueueStats> laneStats = stats(lanes, baseLanes, dt, laneRx, laneTotal);

        long rxBytes = 0;
        long txPackets = 0;
        long txBytes = 0;
        for (int i = 0; i < queues.size(); i++) {
            CounterSnapshot before = Rates.byIndex(baseQueues, queues.get(i).index());
            rxBytes += Rates.rxBytes(queues.get(i), before);
            txPackets += Rates.txPackets(queues.get(i), before);
            txBytes += Rates.txBytes(queues.get(i), before);
        }
        Rate rxRate = Rates.of(rxTotal, rxBytes, dt);
        Rate txRate = Rates.of(txPackets, txBytes, dt);
        Balance balance = Balances.of("queue", ids, rx);
        Balance laneBalance = Balances.of("lane", laneIds, laneRx);
        KernelView kv = kernel.view(k.counters(), k.error(), queues, lanes);
        if (manager instanceof KernelViewSource) {
            kv = KernelViewSource.explain(kv, manager.device().name());
        }
        List<FlowStats> top = settings.flows() ? flows.top(settings.topFlows()) : List.of();
        long flowPackets = settings.flows() ? flows.total() : 0;
        return new DeviceStats(device, seq, now, wall, strategy(), List.copyOf(queueStats), List.copyOf(laneStats),
                rxRate, txRate, balance, laneBalance, kv, top, flowPackets);
    }

    private String strategy() {
        try {
            return manager.activeStrategy();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static List<CounterSnapshot> counters(List<QueueStats> stats) {
        List<CounterSnapshot> out = new ArrayList<>(stats.size());
        for (QueueStats s : stats) {
            out.add(s.counters());
        }
        return out;
    }

    private static List<QueueStats> stats(List<CounterSnapshot> now, List<CounterSnapshot> base, long dt,
            long[] rx, long rxTotal) {
        List<QueueStats> out = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            CounterSnapshot c = now.get(i);
            CounterSnapshot b = Rates.byIndex(base, c.index());
            Rate r = Rates.of(rx[i], Rates.rxBytes(c, b), dt);
            Rate t = Rates.of(Rates.txPackets(c, b), Rates.txBytes(c, b), dt);
            out.add(new QueueStats(c, r, t, rxTotal == 0 ? 0 : (double) rx[i] / rxTotal));
        }
        return out;
    }
}
