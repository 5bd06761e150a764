package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.testsupport.Fragments;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fragments and cut-short TCP/UDP headers through a real tap with the generated RSS program: frames
 * of every class (IPv4/IPv6 x TCP/UDP/other x unfragmented, first, middle and last fragment, an
 * IPv6 atomic fragment, the L4 header cut at every length, untagged or 802.1Q, IPv6 with Home
 * Address and routing type 2 before the fragment header) land on exactly the queue user-space RSS
 * chooses, under hash-type masks with and without the _EX and the port types; and all fragments of
 * a datagram land on one queue.
 */
class FragmentParityTest {
    private static final int QUEUES = 4;
    private static final int[] PROTOCOLS = {6, 17, Fragments.OTHER};

    /** @return every class of frame, frame i carrying id i in its source MAC */
    private static List<byte[]> classes() {
        List<byte[]> frames = new ArrayList<>();
        for (int flow = 0; flow < 24; flow++) {
            for (boolean ipv6 : new boolean[] {false, true}) {
                for (int protocol : PROTOCOLS) {
                    for (int shape = 0; shape < (ipv6 && protocol != Fragments.OTHER ? 3 : 2); shape++) {
                        Fragments d = new Fragments(ipv6, protocol, flow * 7 + shape);
                        if (shape == 1) {
                            d.vlan(10 + flow);
                        } else if (shape == 2) {
                            d.exHeaders();
                        }
                        frames.add(d.whole(64));
                        frames.addAll(d.cut(3)); // first, middle, last
                        if (ipv6) {
                            frames.addAll(d.cut(1)); // an atomic fragment
                        }
                        for (int cut = 0; cut <= d.l4Header(); cut += cut < 4 ? 1 : 3) {
                            frames.add(d.cutInto(cut));
                        }
                        frames.add(d.cutInto(d.l4Header()));
                    }
                }
            }
        }
        for (int i = 0; i < frames.size(); i++) {
            LabFrames.withIdInMac(frames.get(i), i);
        }
        return frames;
    }

    @ParameterizedTest(name = "types 0x{0}")
    @CsvSource({"1ff", "03f", "049", "036", "1c0", "1b6"})
    void everyClassOfFrameLandsWhereUserSpaceRssPutsIt(String types) {
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, Integer.parseInt(types, 16),
                RssConfig.equalTable(128, QUEUES), QUEUES - 1, false);
        RssEngine engine = new RssEngine(config);
        List<byte[]> frames = classes();
        for (byte[] f : frames) {
            assertNull(KernelParity.asKernelSees(ByteBuffer.wrap(f), 0, f.length), "no frame here is beyond a documented bound");
        }
        try (EbpfLab lab = new EbpfLab("frag"); EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(QUEUES);
            steering.attach(tap, KernelProgram.rss(config), "fragments");
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            assertEquals(frames.size(), a.total(), "every frame arrives, none twice");
            List<String> off = new ArrayList<>();
            for (int q = 0; q < QUEUES; q++) {
                for (long id : a.perQueue().get(q)) {
                    byte[] f = frames.get((int) id);
                    int expected = engine.queueOf(ByteBuffer.wrap(f), 0, f.length);
                    if (expected != q) {
                        off.add("frame " + id + " (" + f.length + " bytes, " + engine.explain(ByteBuffer.wrap(f), 0, f.length)
                                + ") on queue " + q + ", user space says " + expected);
                    }
                }
            }
            assertTrue(off.isEmpty(), off.size() + " frames off their user-space queue: " + off.subList(0, Math.min(5, off.size())));
        }
    }

    @Test
    void allFragmentsOfADatagramLandOnOneQueue() {
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, QUEUES), 0, false);
        RssEngine engine = new RssEngine(config);
        List<byte[]> frames = new ArrayList<>();
        List<Integer> datagramOf = new ArrayList<>();
        List<Integer> portQueue = new ArrayList<>(); // where the datagram's 4-tuple would put it
        int datagrams = 0;
        for (int flow = 0; flow < 64; flow++) {
            for (int kind = 0; kind < 5; kind++) {
                Fragments d = new Fragments(kind >= 2, kind % 2 == 0 ? 17 : 6, flow);
                if (kind == 4) {
                    d.exHeaders();
                }
                for (byte[] f : d.cut(4)) {
                    frames.add(LabFrames.withIdInMac(f, frames.size()));
                    datagramOf.add(datagrams);
                }
                byte[] whole = d.whole(Fragments.CHUNK * 4);
                portQueue.add(engine.queueOf(ByteBuffer.wrap(whole), 0, whole.length));
                datagrams++;
            }
        }
        List<Set<Integer>> queuesOf = new ArrayList<>();
        for (int i = 0; i < datagrams; i++) {
            queuesOf.add(new HashSet<>());
        }
        try (EbpfLab lab = new EbpfLab("datagram"); EbpfKernelSteering steering = new EbpfKernelSteering(false)) {
            TapDevice tap = lab.tap(QUEUES);
            steering.attach(tap, KernelProgram.rss(config), "fragments");
            EbpfLab.Arrivals a = lab.sendAndCollect(tap, frames);
            assertEquals(frames.size(), a.total(), "every fragment arrives, none twice");
            for (int q = 0; q < QUEUES; q++) {
                for (long id : a.perQueue().get(q)) {
                    queuesOf.get(datagramOf.get((int) id)).add(q);
                    byte[] f = frames.get((int) id);
                    assertEquals(engine.queueOf(ByteBuffer.wrap(f), 0, f.length), q, "fragment " + id + " where user space says");
                }
            }
        }
        Set<Integer> used = new HashSet<>();
        int wouldSplit = 0;
        for (int i = 0; i < datagrams; i++) {
            assertEquals(1, queuesOf.get(i).size(), "datagram " + i + " arrived on queues " + queuesOf.get(i));
            int q = queuesOf.get(i).iterator().next();
            used.add(q);
            wouldSplit += portQueue.get(i) != q ? 1 : 0;
        }
        assertEquals(QUEUES, used.size(), "datagrams spread over every queue");
        assertTrue(wouldSplit > datagrams / 2, "hashing the first fragment's ports would have split " + wouldSplit
                + " of " + datagrams + " datagrams: the test would see it");
    }
}
