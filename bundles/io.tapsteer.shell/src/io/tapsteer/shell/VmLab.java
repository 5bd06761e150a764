package io.tapsteer.shell;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.NetNamespace;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.lab.vm.GuestImage;
import io.tapsteer.lab.vm.GuestVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A lab guest with its own private namespace: QEMU holds a multiqueue tap there, and tapsteer sees
 * that tap as any foreign tap (through the inventory, steered through a duplicate of QEMU's fd).
 * Closing it powers the guest off and closes the namespace.
 */
final class VmLab implements AutoCloseable {
    /** How long a TCG guest may take to boot on a busy host. */
    static final Duration BOOT_LIMIT = Duration.ofSeconds(90);

    final String tap;
    final NetNamespace namespace;
    final String netns;
    final GuestVm vm;
    final TapDevice device;
    final String kernel;

    private VmLab(String tap, NetNamespace namespace, String netns, GuestVm vm, TapDevice device, String kernel) {
        this.tap = tap;
        this.namespace = namespace;
        this.netns = netns;
        this.vm = vm;
        this.device = device;
        this.kernel = kernel;
    }

    /** Boots a guest with {@code queues} queue pairs on tap {@code tap} in a new private namespace. */
    static VmLab start(TapService taps, TapInventory inventory, String tap, int queues) throws IOException, InterruptedException {
        if (queues < 1 || queues > 8) {
            throw new IllegalArgumentException("--queues " + queues + " is out of range for the lab guest: 1 to 8 (one vCPU per queue)");
        }
        String missing = GuestVm.unavailabilityCause();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        GuestImage image = GuestImage.ensure(GuestImage.defaultCache());
        NetNamespace ns = taps.privateNamespace(tap);
        try {
            GuestVm vm = GuestVm.boot(image, ns, tap, queues, BOOT_LIMIT);
            try {
                String netns = inode(ns.path());
                return new VmLab(tap, ns, netns, vm, inventory.foreign(tap, netns), image.kernelVersion());
            } catch (RuntimeException | IOException e) {
                vm.close();
                throw e;
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            ns.close();
            throw e;
        }
    }

    private static String inode(String nsPath) throws IOException {
        String link = Files.readSymbolicLink(Path.of(nsPath)).toString(); // net:[4026532...]
        return link.substring(link.indexOf('[') + 1, link.length() - 1);
    }

    /** What the guest and the kernel counted so far. */
    record Counts(long[] guest, long[] kernel, KernelCounters tap) {
        long guestTotal() {
            long t = 0;
            for (long g : guest) {
                t += g;
            }
            return t;
        }
    }

    /** @return the guest's per-queue receive counters, the tap's per-queue kernel counts and its device counters */
    Counts counts() throws InterruptedException {
        return new Counts(vm.rxPackets(), packets(device), device.kernelCounters());
    }

    /** @return per tap queue, the frames the kernel put on it (the tap's mq qdisc children) */
    static long[] packets(TapDevice device) {
        java.util.List<KernelQueueCounters> children = device.qdiscCounters();
        long[] per = new long[children.stream().mapToInt(KernelQueueCounters::queue).max().orElse(-1) + 1];
        for (KernelQueueCounters c : children) {
            per[c.queue()] = c.packets();
        }
        return per;
    }

    @Override
    public void close() {
        try {
            vm.close();
        } finally {
            namespace.close();
        }
    }
}
