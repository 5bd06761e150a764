package io.tapsteer.ebpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.frame.HashType;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.ebpf.internal.ForeignWatch;
import io.tapsteer.ebpf.internal.HolderNames;
import io.tapsteer.lab.vm.GuestImage;
import io.tapsteer.lab.vm.GuestVm;
import io.tapsteer.rss.TableSpec;
import io.tapsteer.tap.internal.NativeTapInventory;
import io.tapsteer.tap.internal.TunLinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real VM: a QEMU guest (TCG, 4 vCPUs) whose virtio-net device has 4 queue pairs on a tap QEMU
 * holds in a lab namespace. tapsteer attaches its steering through a duplicate of QEMU's fd and
 * sends lab flows; the guest's own per-queue receive counters are what tapsteer predicts, and what
 * the kernel counted on the tap. The guest boots once for the class; the tests run in order on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QemuGuestSteeringTest {
    private static final int QUEUES = 4;
    private static final int FLOWS = 4096;
    private static final String TAP = "vmtap0";
    private static final RssConfig EQUAL = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, RssConfig.equalTable(128, QUEUES), QUEUES - 1, false);

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private EbpfLab lab;
    private GuestVm vm;
    private EbpfKernelSteering steering;
    private ForeignWatch watch;
    private TapDevice tap;
    private GuestLoad load;
    private int sequence;

    @BeforeAll
    void boot() throws Exception {
        String missing = GuestVm.unavailabilityCause();
        if (missing != null) {
            throw new AssertionError(missing);
        }
        GuestImage image = GuestImage.ensure(GuestImage.defaultCache());
        lab = new EbpfLab("vm");
        long start = System.nanoTime();
        vm = GuestVm.boot(image, lab.ns, TAP, QUEUES, Duration.ofSeconds(90));
        System.out.printf("lab guest (%s) ready in %.1f s%n", image.kernelVersion(), (System.nanoTime() - start) / 1e9);
        steering = new EbpfKernelSteering(false);
        watch = new ForeignWatch(steering, 200, log::add, HolderNames.from(() -> new NativeTapInventory(lab.service)));
        String link = Files.readSymbolicLink(Path.of(lab.ns.path())).toString();
        tap = new NativeTapInventory(lab.service).foreign(TAP, link.substring(5, link.length() - 1));
        load = new GuestLoad(lab.service, tap);
    }

    @AfterAll
    void shutDown() {
        try (EbpfLab l = lab; EbpfKernelSteering s = steering; ForeignWatch w = watch; GuestVm v = vm) {
            // closed in reverse: the guest first, then the watch, the steering, the namespace
        }
        assertTrue(vm == null || !vm.isAlive(), "QEMU has ended");
    }

    @Test
    @Order(1)
    void rssPutsEveryFrameOnThePredictedGuestQueue() throws Exception {
        steering.attach(tap, KernelProgram.rss(EQUAL), "test");
        Phase p = send(EQUAL, FLOWS);
        p.assertGuestFollowsPrediction("rss, equal table");
        assertEquals(Arrays.stream(p.guest).sum(), p.kernel.txPackets(), "the guest received what the kernel put on the tap (tx_packets)");
        assertEquals(GuestLoad.asList(p.predicted), GuestLoad.asList(p.qdisc), "the kernel's per-queue count (mq children) is the prediction");
    }

    @Test
    @Order(2)
    void aNewIndirectionTableMovesTheGuestsSpread() throws Exception {
        int[] weighted = TableSpec.parse("weight 1 2 3 2").build(QUEUES);
        RssConfig config = new RssConfig(RssConfig.DEFAULT_KEY, HashType.ALL, weighted, QUEUES - 1, true);
        steering.attach(tap, KernelProgram.rss(config), "test");
        Phase p = send(config, FLOWS);
        p.assertGuestFollowsPrediction("rss, weights 1 2 3 2");
        assertTrue(p.guest[2] > p.guest[0] * 2, "queue 2 (weight 3) gets about three times queue 0 (weight 1): " + Arrays.toString(p.guest));
        steering.attach(tap, KernelProgram.rss(EQUAL), "test");
    }

    @Test
    @Order(3)
    void aGuestQueueCountChangeIsFollowedAfterTheReattach() throws Exception {
        steering.attach(tap, KernelProgram.rss(EQUAL), "test");
        for (int queues : new int[] {2, 4}) {
            long before = watch.reattachments();
            vm.setQueues(queues);
            awaitReattach(before);
            assertEquals(queues, attachedQueues(), "QEMU keeps " + queues + " queues of its tap attached");
            Phase p = send(EQUAL, FLOWS);
            assertEquals(queues, p.guest.length, "the guest uses " + queues + " queues");
            p.assertGuestFollowsPrediction("rss after the guest's ethtool -L combined " + queues);
        }
        // the link event of QEMU's queue change comes first; the counter check catches a reset without one
        assertTrue(log.stream().allMatch(l -> l.contains("replaced the steering program of " + TAP)
                || l.contains("changed the queues of " + TAP)), log.toString());
    }

    @Test
    @Order(4)
    void detachedTheGuestStillGetsEveryFrameByAutomq() throws Exception {
        steering.detach(tap, "test");
        Phase p = send(null, FLOWS);
        assertEquals(FLOWS, Arrays.stream(p.guest).sum() + p.dropped, "every frame reached the guest or was counted dropped");
        assertEquals(0, p.dropped, "no drops at " + GuestLoad.RATE + " frames/s");
        assertTrue(Arrays.stream(p.guest).allMatch(c -> c > 0), "automq spreads the flows over every queue: " + Arrays.toString(p.guest));
    }

    private void awaitReattach(long before) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watch.reattachments() == before && System.nanoTime() < end) {
            load.send(64, ++sequence);
            Thread.sleep(50);
        }
        assertEquals(before + 1, watch.reattachments(), "QEMU removed the program and the watch attached it again: " + log);
    }

    /** @return per tap queue, what the kernel put on it: the tap's mq qdisc children */
    private long[] qdisc() {
        List<KernelQueueCounters> children = tap.qdiscCounters();
        long[] per = new long[children.stream().mapToInt(KernelQueueCounters::queue).max().orElse(-1) + 1];
        children.forEach(c -> per[c.queue()] = c.packets());
        return per;
    }

    private int attachedQueues() {
        return lab.ns.call(() -> TunLinks.dump().stream().filter(l -> l.name().equals(TAP)).findFirst()
                .orElseThrow(() -> new AssertionError(TAP + " is gone")).numQueues());
    }

    /** Sends {@code flows} lab flows once each at the paced rate and waits until the guest has them all. */
    private Phase send(RssConfig config, int flows) throws Exception {
        int queues = vm.queues();
        long[] guestBefore = vm.rxPackets();
        long[] qdiscBefore = qdisc();
        KernelCounters kBefore = tap.kernelCounters();
        int seq = ++sequence;
        assertEquals(flows, load.send(flows, seq), "every frame was sent");
        long[] guest;
        long dropped;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        do {
            Thread.sleep(100);
            guest = GuestLoad.minus(vm.rxPackets(), guestBefore);
            dropped = tap.kernelCounters().txDropped() - kBefore.txDropped();
        } while (Arrays.stream(guest).sum() + dropped < flows && System.nanoTime() < end);
        KernelCounters k = tap.kernelCounters();
        KernelCounters delta = new KernelCounters(0, 0, 0, 0, k.txPackets() - kBefore.txPackets(), 0, 0, dropped);
        long[] qdisc = GuestLoad.minus(Arrays.copyOf(qdisc(), qdiscBefore.length), qdiscBefore);
        long[] predicted = config == null ? null : load.predict(config, flows, seq, queues);
        System.out.printf("%d flows on %d queues: guest %s, predicted %s, mq children %s, tx_packets %d, tx_dropped %d%n", flows, queues,
                Arrays.toString(guest), predicted == null ? "-" : Arrays.toString(predicted), Arrays.toString(Arrays.copyOf(qdisc, queues)),
                delta.txPackets(), dropped);
        return new Phase(guest, predicted, Arrays.copyOf(qdisc, queues), delta, dropped);
    }

    /** What one paced send did: per guest queue, received, predicted and counted by the kernel. */
    private record Phase(long[] guest, long[] predicted, long[] qdisc, KernelCounters kernel, long dropped) {
        /** Exact equality when nothing was dropped; else each queue short of its prediction by its share of the drops. */
        void assertGuestFollowsPrediction(String what) {
            long missing = 0;
            for (int q = 0; q < predicted.length; q++) {
                assertTrue(guest[q] <= predicted[q], what + ": queue " + q + " got more than predicted: " + Arrays.toString(guest)
                        + " predicted " + Arrays.toString(predicted));
                missing += predicted[q] - guest[q];
            }
            assertEquals(dropped, missing, what + ": frames short of the prediction are the tap's counted drops; guest "
                    + Arrays.toString(guest) + ", predicted " + Arrays.toString(predicted));
            if (dropped == 0) {
                assertEquals(GuestLoad.asList(predicted), GuestLoad.asList(guest), what);
            }
        }
    }
}
