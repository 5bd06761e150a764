package io.tapsteer.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.stats.DeviceStats;
import io.tapsteer.api.stats.FlowStats;
import io.tapsteer.lab.FrameBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The stats frame handler on the real lanes finds the heavy flows planted among many light ones. */
class TopFlowsTest {

    @Test
    void plantedHeavyFlowsLeadTheTopFlowsWithTheirQueue() {
        try (StatsRig rig = new StatsRig("tf", 4, "automq")) {
            Map<Long, Integer> queueOfFlow = new ConcurrentHashMap<>(); // flow id -> queue it arrived on
            Map<Long, LongAdder> delivered = new ConcurrentHashMap<>(); // flow id -> frames delivered
            rig.handler(batch -> {
                for (int i = 0; i < batch.size(); i++) {
                    var f = batch.frame(i);
                    int p = FrameBuilder.payloadOffset(f.buffer(), f.offset());
                    long flow = f.buffer().getLong(p + FrameBuilder.PAYLOAD_FLOW);
                    queueOfFlow.put(flow, f.queue());
                    delivered.computeIfAbsent(flow, k -> new LongAdder()).increment();
                }
            });
            // 2000 light flows of 4 frames, then flows 0..2 again with 2000 frames each: 14000 frames
            long sent = rig.source().flows(2000).frames(8000).build().runHere().sent();
            sent += rig.source().flows(3).frames(6000).build().runHere().sent();
            DeviceStats s = rig.settle(sent);
            List<FlowStats> top = s.topFlows();
            assertEquals(14_000, sent);
            long seen = delivered.values().stream().mapToLong(LongAdder::sum).sum();
            assertEquals(seen, s.flowPackets(), "the flow summary saw every delivered frame");
            assertEquals(sent, seen + s.drops() + s.kernel().kernelDropped());
            assertEquals(Set.of("udp 198.51.100.1:10000 > 203.0.113.1:80", "tcp 198.51.100.2:10001 > 203.0.113.1:443",
                    "tcp [2001:db8:1::2]:10002 > [2001:db8:2::]:53"),
                    top.subList(0, 3).stream().map(FlowStats::flow).collect(Collectors.toSet()), "top 3 of " + top);
            for (int i = 0; i < 3; i++) {
                FlowStats f = top.get(i);
                long flowId = List.of("udp 198.51.100.1:10000 > 203.0.113.1:80", "tcp 198.51.100.2:10001 > 203.0.113.1:443",
                        "tcp [2001:db8:1::2]:10002 > [2001:db8:2::]:53").indexOf(f.flow());
                long truth = delivered.get(flowId).sum();
                assertTrue(f.packets() >= truth && f.packets() - f.error() <= truth, f + ": " + truth + " frames, within its error");
                assertEquals((double) truth / seen, f.share(), (double) f.error() / seen + 1e-9);
                assertEquals(queueOfFlow.get(flowId), f.queue(), f.flow() + " is shown on the queue it arrived on");
                assertEquals(f.queue(), f.lane(), "automq: lane = queue");
            }
            assertTrue(top.size() == 10 && top.get(3).packets() < 100, "the fourth is a light flow (4 frames): " + top.get(3));
        }
    }
}
