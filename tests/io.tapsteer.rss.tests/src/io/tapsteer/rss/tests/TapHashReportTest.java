package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.frame.HashReport;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.rss.VnetHashHeader;
import io.tapsteer.testsupport.LabTraffic;
import io.tapsteer.testsupport.Osgi;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frames from a real tap (private namespace, 4 queues, 20-byte vnet header), steered by RSS in user
 * space: every frame sent is read back, gets the hash and report of its flow type, and the hash
 * lands in its vnet header in the virtio_net_hdr_v1_hash layout.
 */
class TapHashReportTest {
    static final int FLOWS = 128;
    static final HashReport[] BY_MIX = {HashReport.UDPv4, HashReport.TCPv4, HashReport.TCPv6, HashReport.UDPv6};

    @Test
    void framesReadFromATapCarryTheirHashInTheVnetHeader() throws Exception {
        TapService service = await(TapService.class);
        assertNotNull(service, "TapService registered by DS");
        RssEngine engine = new RssEngine(RssConfig.defaults(4));
        try (NetNamespace ns = service.privateNamespace("rss")) {
            TapDevice tap = service.create(TapOptions.builder().name("rss%d").queues(4).vnetHeaderSize(20).build(), ns);
            try {
                int sent = LabTraffic.sendFlows(service, tap, FLOWS, 0);
                assertEquals(FLOWS, sent, "frames the packet socket took");
                ByteBuffer mem = ByteBuffer.allocateDirect(65536);
                Frame frame = new Frame(null);
                Map<Long, Integer> queueOfFlow = new HashMap<>();
                int received = 0;
                for (TapQueue q : tap.queues()) {
                    for (int reads = 0; reads < 10 * FLOWS; reads++) { // bounded: a queue holds fewer frames
                        for (int i = 0; i < 20; i++) {
                            mem.put(i, (byte) 0xee); // the kernel writes 10 bytes of header: the rest must be ours
                        }
                        int n = q.read(mem, 0, mem.capacity());
                        if (n <= 0) {
                            break;
                        }
                        frame.set(mem, 20, n - 20, 20, q.index());
                        int p = FrameBuilder.payloadOffset(mem, 20);
                        if (p < 0 || p + 8 > n) {
                            continue; // not one of ours
                        }
                        long flow = mem.getLong(p + FrameBuilder.PAYLOAD_FLOW);
                        int rssQueue = engine.queueOf(frame);
                        long d = engine.decide(mem, 20, n - 20);
                        assertEquals(BY_MIX[(int) (flow & 3)], frame.hashReport(), "report of flow " + flow);
                        assertEquals(RssEngine.hashOf(d), VnetHashHeader.hashValue(mem, 0), "hash_value of flow " + flow);
                        assertEquals(frame.hashReport().value(), VnetHashHeader.hashReport(mem, 0), "hash_report of flow " + flow);
                        assertEquals(0, mem.get(18) | mem.get(19), "padding");
                        assertTrue(rssQueue >= 0 && rssQueue < 4);
                        queueOfFlow.put(flow, rssQueue);
                        received++;
                    }
                }
                assertEquals(sent, received, "sent = received: nothing lost between the socket and the queues");
                assertEquals(FLOWS, queueOfFlow.size(), "every flow seen once");
                for (int q = 0; q < 4; q++) {
                    int queue = q;
                    assertTrue(queueOfFlow.values().stream().anyMatch(v -> v == queue), "RSS puts some of 128 flows on queue " + q);
                }
            } finally {
                tap.close();
            }
        }
    }

    private static <T> T await(Class<T> type) throws InterruptedException {
        return Osgi.await(Osgi.context(TapHashReportTest.class), type, null, 10_000);
    }
}
