package io.tapsteer.stats;

import static io.tapsteer.stats.json.JsonDocument.number;

import com.google.gson.stream.JsonWriter;
import io.tapsteer.api.stats.Balance;
import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.stats.Counters;
import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.DropReason;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.api.stats.KernelView;
import io.tapsteer.api.stats.QueueStats;
import io.tapsteer.api.stats.Rate;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.stats.json.JsonDocument;
import java.io.IOException;
import java.util.List;

/**
 * JSON rendering of {@link DeviceStats}, written with Gson's {@link JsonWriter}. Keys are snake_case
 * and stable: {@code device, sequence, time_ms, strategy, window_s, rx, tx, queues, lanes, balance,
 * lane_balance, kernel, top_flows, flow_packets}; see {@link #device(DeviceStats)} and
 * docs/stats.md. Rates are per second, shares are fractions 0..1.
 */
public final class StatsJson {
    private StatsJson() {
    }

    /** @return one snapshot as a JSON object */
    public static String device(DeviceStats s) {
        return JsonDocument.of(w -> {
            w.beginObject();
            w.name("device").value(s.device());
            w.name("sequence").value(s.sequence());
            w.name("time_ms").value(s.wallMillis());
            w.name("strategy").value(s.strategy());
            number(w.name("window_s"), s.rxRate().windowNanos() / 1e9);
            totals(w.name("rx"), s.rxPackets(), s.rxBytes(), s.rxRate());
            totals(w.name("tx"), s.txPackets(), s.txBytes(), s.txRate());
            rows(w.name("queues"), "queue", s.queues());
            rows(w.name("lanes"), "lane", s.lanes());
            balance(w.name("balance"), s.balance());
            balance(w.name("lane_balance"), s.laneBalance());
            kernel(w.name("kernel"), s.kernel());
            flows(w.name("top_flows"), s.topFlows());
            w.name("flow_packets").value(s.flowPackets());
            w.endObject();
        });
    }

    /**
     * @return the history as {@code {"device":..,"samples":[{"sequence","time_ms","rx_pps","rx_bps",
     *         "queue_pps":[..],"verdict"}..]}}: what a chart of the last minutes needs
     */
    public static String history(String device, List<DeviceStats> samples) {
        return JsonDocument.of(w -> {
            w.beginObject();
            w.name("device").value(device);
            w.name("samples").beginArray();
            for (DeviceStats s : samples) {
                w.beginObject();
                w.name("sequence").value(s.sequence());
                w.name("time_ms").value(s.wallMillis());
                number(w.name("rx_pps"), s.rxRate().packetsPerSecond());
                number(w.name("rx_bps"), s.rxRate().bitsPerSecond());
                w.name("queue_pps").beginArray();
                for (QueueStats q : s.queues()) {
                    number(w, q.rxRate().packetsPerSecond());
                }
                w.endArray();
                w.name("verdict").value(s.balance().verdict().label());
                w.endObject();
            }
            w.endArray();
            w.endObject();
        });
    }

    private static void totals(JsonWriter w, long packets, long bytes, Rate r) throws IOException {
        w.beginObject();
        w.name("packets").value(packets);
        w.name("bytes").value(bytes);
        number(w.name("pps"), r.packetsPerSecond());
        number(w.name("bps"), r.bitsPerSecond());
        w.endObject();
    }

    private static void rows(JsonWriter w, String id, List<QueueStats> rows) throws IOException {
        w.beginArray();
        for (QueueStats q : rows) {
            CounterSnapshot c = q.counters();
            w.beginObject();
            w.name(id).value(q.index());
            w.name("rx_packets").value(c.rxPackets());
            w.name("rx_bytes").value(c.rxBytes());
            w.name("tx_packets").value(c.txPackets());
            w.name("tx_bytes").value(c.txBytes());
            w.name("drops").beginObject();
            for (DropReason r : DropReason.values()) {
                w.name(r.label()).value(c.drops(r));
            }
            w.endObject();
            w.name("fallbacks").value(c.fallbacks());
            w.name("batches").value(c.batches());
            w.name("batch_sizes").beginObject();
            for (int k = 0; k < Counters.BUCKETS; k++) {
                int low = 1 << k;
                String label = k == Counters.BUCKETS - 1 ? low + "+" : low == 1 ? "1" : low + "-" + (2 * low - 1);
                w.name(label).value(c.batchSizes()[k]);
            }
            w.endObject();
            number(w.name("rx_pps"), q.rxRate().packetsPerSecond());
            number(w.name("rx_bps"), q.rxRate().bitsPerSecond());
            number(w.name("tx_pps"), q.txRate().packetsPerSecond());
            number(w.name("tx_bps"), q.txRate().bitsPerSecond());
            number(w.name("share"), q.share());
            w.endObject();
        }
        w.endArray();
    }

    private static void balance(JsonWriter w, Balance x) throws IOException {
        w.beginObject();
        w.name("verdict").value(x.verdict().label());
        w.name("text").value(x.text());
        w.name("queues").value(x.queues());
        w.name("hot_queue").value(x.hotQueue());
        number(w.name("max_over_mean"), x.maxOverMean());
        number(w.name("cv"), x.coefficientOfVariation());
        number(w.name("jain"), x.jainIndex());
        w.endObject();
    }

    private static void kernel(JsonWriter w, KernelView k) throws IOException {
        w.beginObject();
        w.name("available").value(k.available());
        w.name("reason").value(k.unavailableReason());
        KernelCounters c = k.counters();
        if (c != null) {
            w.name("tx_packets").value(c.txPackets());
            w.name("tx_bytes").value(c.txBytes());
            w.name("tx_dropped").value(c.txDropped());
            w.name("tx_errors").value(c.txErrors());
            w.name("rx_packets").value(c.rxPackets());
            w.name("rx_bytes").value(c.rxBytes());
            w.name("rx_dropped").value(c.rxDropped());
            w.name("rx_errors").value(c.rxErrors());
        }
        w.name("delivered").value(k.kernelDelivered());
        w.name("dropped_before_tapsteer").value(k.kernelDropped());
        w.name("tapsteer_read").value(k.tapsteerRead());
        w.name("tapsteer_delivered").value(k.tapsteerDelivered());
        w.name("tapsteer_dropped").value(k.tapsteerDropped());
        w.name("unaccounted").value(k.unaccounted());
        w.name("in_flight").value(k.inFlight());
        w.name("explanation").value(k.explanation());
        w.endObject();
    }

    private static void flows(JsonWriter w, List<FlowStats> flows) throws IOException {
        w.beginArray();
        int rank = 1;
        for (FlowStats f : flows) {
            w.beginObject();
            w.name("rank").value(rank++);
            w.name("flow").value(f.flow());
            w.name("key").value(f.key());
            w.name("packets").value(f.packets());
            w.name("bytes").value(f.bytes());
            w.name("error").value(f.error());
            number(w.name("share"), f.share());
            w.name("queue").value(f.queue());
            w.name("lane").value(f.lane());
            w.endObject();
        }
        w.endArray();
    }
}
