package io.tapsteer.tap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.inventory.HostTap;
import io.tapsteer.api.inventory.TapHolder;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.tap.internal.NativeTapInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * tap:scan's inventory against what the kernel and iproute2 say: devices in a private namespace,
 * their tun attributes as {@code ip -d link} prints them, and the queue fds their holders have.
 */
class HostScanTest {
    private static long inode(String nsPath) throws IOException {
        String link = Files.readSymbolicLink(Path.of(nsPath)).toString();
        return Long.parseLong(link.substring(5, link.length() - 1));
    }

    private static HostTap find(List<HostTap> all, long inode, String name) {
        return all.stream().filter(t -> t.netnsInode() == inode && t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in the scan: " + all));
    }

    @Test
    void ownTapIsFoundWithEveryQueueFdAndMarkedDriven() throws IOException {
        try (TapLab lab = new TapLab("scan4")) {
            TapDevice tap = lab.tap(4);
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            HostTap t = find(inventory.scan(), inode(lab.ns.path()), tap.name());
            assertEquals("tap", t.type());
            assertTrue(t.multiQueue());
            assertFalse(t.persist());
            assertFalse(t.vnetHeader());
            assertEquals(4, t.numQueues());
            assertEquals(0, t.numDisabled());
            assertTrue(t.driven());
            assertEquals(inventory.keyOf(tap), t.key());
            int self = (int) ProcessHandle.current().pid();
            Set<Integer> fds = tap.queues().stream().map(TapQueue::fd).collect(Collectors.toSet());
            assertEquals(fds, t.holders().stream().map(TapHolder::fd).collect(Collectors.toSet()));
            assertTrue(t.holders().stream().allMatch(h -> h.pid() == self), t.holders().toString());
            assertTrue(t.netns().startsWith("pid:"), t.netns());
        }
    }

    @Test
    void countsFollowIpAfterADetach() throws IOException {
        try (TapLab lab = new TapLab("scandet")) {
            TapDevice tap = lab.tap(4);
            tap.detach(tap.queues().get(1));
            HostTap t = find(new NativeTapInventory(lab.service).scan(), inode(lab.ns.path()), tap.name());
            int[] ip = lab.ipQueueCounts(tap.name());
            assertEquals(ip[0], t.numQueues());
            assertEquals(ip[1], t.numDisabled());
            assertEquals(4, t.holders().size(), "a detached queue stays bound to its device: " + t.holders());
        }
    }

    @Test
    void persistentTunWithOwnerAndMasterHasNoHolders() throws IOException {
        try (TapLab lab = new TapLab("scantun")) {
            lab.sh("ip", "tuntap", "add", "dev", "scantun0", "mode", "tun", "user", "1234", "group", "4321");
            lab.sh("ip", "tuntap", "add", "dev", "scantap0", "mode", "tap", "multi_queue", "vnet_hdr");
            lab.sh("ip", "link", "add", "scanbr0", "type", "bridge");
            lab.sh("ip", "link", "set", "scantap0", "master", "scanbr0");
            lab.sh("ip", "link", "set", "scantap0", "txqueuelen", "777");
            List<HostTap> all = new NativeTapInventory(lab.service).scan();
            HostTap tun = find(all, inode(lab.ns.path()), "scantun0");
            assertEquals("tun", tun.type());
            assertTrue(tun.persist());
            assertEquals(1234, tun.owner());
            assertEquals(4321, tun.group());
            assertEquals(List.of(), tun.holders());
            assertFalse(tun.driven());
            HostTap tap = find(all, inode(lab.ns.path()), "scantap0");
            assertEquals("scanbr0", tap.master());
            assertEquals(777, tap.txQueueLength());
            assertTrue(tap.multiQueue() && tap.vnetHeader());
            assertEquals(-1, tap.owner());
            assertEquals(txqlenByIp(lab, "scantap0"), tap.txQueueLength());
        }
    }

    private static int txqlenByIp(TapLab lab, String dev) {
        Matcher m = Pattern.compile("qlen (\\d+)").matcher(lab.sh("ip", "link", "show", "dev", dev));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void foreignHandleRefusesTunSingleQueueAndMissingNames() throws IOException {
        try (TapLab lab = new TapLab("scanref")) {
            lab.sh("ip", "tuntap", "add", "dev", "reftun0", "mode", "tun", "multi_queue");
            lab.sh("ip", "tuntap", "add", "dev", "refsq0", "mode", "tap");
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            String ns = Long.toString(inode(lab.ns.path()));
            assertEquals("reftun0 is a tun device (IP packets, no Ethernet header): tapsteer steers taps (IFF_TAP) only",
                    assertThrows(IllegalArgumentException.class, () -> inventory.foreign("reftun0", ns)).getMessage());
            assertEquals("refsq0 was created without multi_queue: it has one queue, so there is nothing to steer",
                    assertThrows(IllegalArgumentException.class, () -> inventory.foreign("refsq0", ns)).getMessage());
            assertEquals("no tun/tap named 'nosuch0' in netns " + ns + ": tap:scan lists every tun/tap in every namespace",
                    assertThrows(IllegalArgumentException.class, () -> inventory.foreign("nosuch0", ns)).getMessage());
        }
    }

    @Test
    void foreignHandleWithoutHolderSaysSoAndNeverAddsAQueue() throws IOException {
        try (TapLab lab = new TapLab("scanfree")) {
            lab.sh("ip", "tuntap", "add", "dev", "free0", "mode", "tap", "multi_queue");
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            TapDevice d = inventory.foreign("free0", Long.toString(inode(lab.ns.path())));
            assertEquals(0, d.attachedQueues());
            TapException e = assertThrows(TapException.class, () -> d.setSteeringProgram(-1));
            assertTrue(e.getMessage().startsWith("no process holds a queue of free0 (netns pid:"), e.getMessage());
            assertThrows(IllegalStateException.class, d::addQueue);
            assertEquals(0, lab.ipQueueCounts("free0")[0], "numqueues unchanged");
            assertEquals(List.of(d), inventory.foreignDevices());
            lab.sh("ip", "link", "del", "free0");
            assertTrue(d.isClosed(), "a deleted device closes its handle");
            assertEquals(List.of(), inventory.foreignDevices());
        }
    }

    @Test
    void foreignHandleOnAHeldTapSetsTheProgramThroughTheHolderFd() throws IOException {
        try (TapLab lab = new TapLab("scanheld")) {
            TapDevice tap = lab.tap(4);
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            TapDevice d = inventory.foreign(tap.name(), Long.toString(inode(lab.ns.path())));
            assertEquals(4, d.attachedQueues());
            d.setSteeringProgram(-1); // detaching when nothing is attached is allowed by tun
            assertEquals(4, lab.ipQueueCounts(tap.name())[0], "numqueues unchanged");
            assertEquals(4, tap.queues().size());
        }
    }

    @Test
    void anInterruptedCheckLeavesAForeignHandleOpen() throws Exception {
        try (TapLab lab = new TapLab("scanintr")) {
            TapDevice tap = lab.tap(2);
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            TapDevice d = inventory.foreign(tap.name(), Long.toString(inode(lab.ns.path())));
            // a watcher checks the handle in a loop and is interrupted when its owner stops it
            AtomicBoolean closed = new AtomicBoolean();
            AtomicInteger checks = new AtomicInteger();
            Thread watcher = new Thread(() -> {
                for (int i = 0; i < 2000 && !closed.get(); i++) {
                    closed.set(d.isClosed());
                    checks.incrementAndGet();
                    Thread.interrupted();
                }
            });
            watcher.start();
            long end = System.nanoTime() + 5_000_000_000L;
            while (watcher.isAlive() && System.nanoTime() < end) {
                watcher.interrupt();
                Thread.sleep(1);
            }
            watcher.join(5000);
            assertFalse(closed.get(), "an interrupted look-up says nothing of the device (after " + checks + " checks)");
            assertEquals(List.of(d), inventory.foreignDevices());
            d.setSteeringProgram(-1); // still usable
        }
    }

    @Test
    void aTapInANamedNamespaceIsFoundUnderItsName() throws Exception {
        String ns = "tsscan" + ProcessHandle.current().pid();
        sh("ip", "netns", "add", ns);
        try (TapLab lab = new TapLab("scannamed")) {
            sh("ip", "-n", ns, "tuntap", "add", "dev", "named0", "mode", "tap", "multi_queue");
            NativeTapInventory inventory = new NativeTapInventory(lab.service);
            long inode = (Long) Files.getAttribute(Path.of("/run/netns/" + ns), "unix:ino");
            HostTap t = find(inventory.scan(), inode, "named0");
            assertEquals(ns, t.netns(), "labelled with its /run/netns name");
            assertTrue(t.multiQueue() && t.persist(), t.toString());
            assertEquals("named0", inventory.foreign("named0", ns).name(), "found by its namespace's name too");
        } finally {
            sh("ip", "netns", "del", ns);
        }
    }

    @Test
    void theStandaloneServiceHasTheInventoryOfItsOwnTaps() throws Exception {
        try (io.tapsteer.tap.StandaloneTapService service = new io.tapsteer.tap.StandaloneTapService();
                var ns = service.privateNamespace("standalone")) {
            TapDevice tap = service.create(io.tapsteer.api.tap.TapOptions.builder().name("solo%d").queues(2).build(), ns);
            HostTap t = find(service.inventory().scan(), inode(ns.path()), tap.name());
            assertTrue(t.driven(), "marked as driven by this service: " + t);
            assertEquals(2, t.numQueues());
        }
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
