package io.tapsteer.remote.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.StatsService;
import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.LabHosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures remote calls as a desktop makes them: the round trip of a remote {@code steer:use}
 * (switch the strategy, then read what the command shows), and the bytes one desktop pulls when it
 * takes one stats snapshot per device per second of every connected host (the serialized answers,
 * as they cross the tunnel; SSH's own framing not counted).
 */
final class HostBench {
    private HostBench() {
    }

    /** @return {@code median p99} of {@code count} remote steer:use round trips, in microseconds */
    static String steerUse(LabHosts hosts, String host, String device, int count) {
        HostServices s = hosts.services(host);
        QueueManager m = device.isEmpty() && s.queueManagers().size() == 1 ? s.queueManagers().values().iterator().next()
                : s.queueManagers().get(device);
        if (m == null) {
            throw new IllegalArgumentException("device '" + device + "' is not steered on host " + host + ": steered are "
                    + s.queueManagers().keySet());
        }
        String before = m.activeStrategy();
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            m.useStrategy(i % 2 == 0 ? "flow-hash" : "round-robin");
            m.activeStrategy();
            m.steering();
            m.lanes();
            m.queueCounters();
            m.laneCounters();
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        m.useStrategy(before);
        Arrays.sort(micros);
        return String.format("remote steer:use on %s/%s: %d round trips, median %d us, p99 %d us", host,
                device.isEmpty() ? "(its device)" : device, count, micros[count / 2], micros[Math.min(count - 1, count * 99 / 100)]);
    }

    /** @return bytes per second pulled at one snapshot per device per second, for {@code seconds} */
    static String snapshotBytes(LabHosts hosts, int seconds) throws InterruptedException {
        List<StatsService> all = new ArrayList<>();
        for (String h : hosts.hosts().keySet()) {
            try {
                all.add(hosts.services(h).stats());
            } catch (IllegalArgumentException e) {
                // not connected: not pulled from
            }
        }
        long bytes = 0;
        int devices = 0;
        int queues = 0;
        for (int s = 0; s < seconds; s++) {
            long start = System.nanoTime();
            devices = 0;
            queues = 0;
            for (StatsService stats : all) {
                List<String> names = stats.devices();
                bytes += size(new ArrayList<>(names));
                for (String d : names) {
                    DeviceStats snap = stats.snapshot(d);
                    bytes += size(snap);
                    devices++;
                    queues += snap.queues().size();
                }
            }
            long rest = 1000 - (System.nanoTime() - start) / 1_000_000;
            if (rest > 0 && s < seconds - 1) {
                Thread.sleep(rest);
            }
        }
        return String.format("stats snapshots: %d hosts, %d devices, %d queues, 1 per device per second for %d s: %d bytes/s",
                all.size(), devices, queues, seconds, bytes / Math.max(1, seconds));
    }

    private static long size(Serializable value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
            o.writeObject(value);
        } catch (IOException e) {
            throw new IllegalStateException("a snapshot cannot be measured: " + e.getMessage(), e);
        }
        return b.size();
    }
}
