package io.tapsteer.queue.internal;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.tap.TapDevice;
import java.util.logging.Logger;

/**
 * Decides whether the kernel applies a strategy (automq, or its kernel program attached through an
 * optional {@link KernelSteering} service) or user space does, and keeps the device's kernel program
 * in step. Used under the runtime's control lock only.
 */
final class KernelPath {
    private static final Logger LOG = Logger.getLogger(KernelPath.class.getName());

    /**
     * Where a strategy runs.
     *
     * @param laneIsQueue whether the kernel applies it, so a frame's lane is its queue
     * @param program whether the kernel applies it with the strategy's own attached program
     * @param path in words, for {@code steering()}
     */
    record Choice(boolean laneIsQueue, boolean program, String path) {
    }

    /** Slots of the table that spreads frames over the queues left while one drains. */
    private static final int AVOID_TABLE = 64;
    private final TapDevice device;
    private KernelSteering kernel;
    private boolean attached;
    private boolean programsAllowed = true;

    KernelPath(TapDevice device) {
        this.device = device;
    }

    /** A kernel steering service arrived or (null) went away; what it attached is detached first. */
    void use(KernelSteering k) {
        if (k == null) {
            detach();
        }
        kernel = k;
    }

    /** @param allowed false to run every strategy in user space, leaving the kernel on automq */
    void allowPrograms(boolean allowed) {
        programsAllowed = allowed;
    }

    /** @return whether the strategy has a kernel form other than automq (a kernel program to attach) */
    static boolean hasProgram(SteeringStrategy s) {
        try {
            KernelProgram p = s.kernelProgram(1);
            return p != null && p.kind() != KernelProgram.Kind.AUTOMQ;
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * Puts the strategy's kernel form in place when it has one and the kernel can take it.
     *
     * @param queues attached queues
     * @return where it runs; a failed kernel form says why in the path
     */
    Choice choose(SteeringStrategy s, int queues) {
        KernelProgram program;
        try {
            program = s.kernelProgram(queues);
        } catch (Throwable t) {
            detach();
            String why = t instanceof IllegalArgumentException && t.getMessage() != null ? t.getMessage() : t.toString();
            return new Choice(false, false, "user space (its kernel form failed: " + why + ")");
        }
        KernelSteering k = kernel;
        if (program != null && program.kind() == KernelProgram.Kind.AUTOMQ) {
            detach();
            return new Choice(true, false, "kernel automq");
        }
        if (program != null && !programsAllowed) {
            detach();
            return new Choice(false, false, "user space (kernelSteering=automq keeps the kernel on automq)");
        }
        if (program != null && k != null && k.isAvailable()) {
            try {
                k.attach(device, program, owner());
                attached = true;
                return new Choice(true, true, "kernel program (" + program + ")");
            } catch (RuntimeException e) {
                detach();
                return new Choice(false, false, "user space (kernel steering refused: " + e.getMessage() + ")");
            }
        }
        detach();
        return new Choice(false, false, "user space");
    }

    /**
     * Steers the kernel away from a queue that is to detach, over the other attached queues (a
     * TABLE program), so that nothing is lost when it detaches: the kernel drops, and counts none
     * of it, whatever the queue's ring still holds then, and whatever waits in the qdisc of the
     * last transmit queue, which goes away with the detach (the last queue takes the freed index).
     * So both the queue and the last index are avoided where another queue is left to take the
     * frames (with two queues, only the queue). This holds even where strategies stay in user
     * space (kernelSteering=automq): it lasts only while the queue drains. The next
     * {@link #choose} puts the strategy's own kernel form back.
     *
     * @param kernelIndex the queue's kernel index
     * @param queues attached queues
     * @return whether the kernel now avoids the queue; false without kernel steering, or when the
     *         program of another owner steers the device
     */
    boolean avoid(int kernelIndex, int queues) {
        KernelSteering k = kernel;
        if (k == null || !k.isAvailable() || queues < 2 || kernelIndex < 0) {
            return false;
        }
        int last = queues - 1;
        boolean avoidLast = queues > 2 || kernelIndex == last;
        int[] others = java.util.stream.IntStream.range(0, queues)
                .filter(q -> q != kernelIndex && (!avoidLast || q != last)).toArray();
        int[] table = new int[AVOID_TABLE];
        for (int i = 0; i < table.length; i++) {
            table[i] = others[i % others.length];
        }
        try {
            k.attach(device, KernelProgram.table(table), owner());
            attached = true;
            return true;
        } catch (RuntimeException e) {
            LOG.warning("tapsteer: " + device.name() + ": the kernel could not be steered away from queue index "
                    + kernelIndex + " before it detaches (" + e.getMessage()
                    + "): frames it holds when it detaches are dropped by the kernel, uncounted");
            return false;
        }
    }

    /** Detaches the program this device's queue manager attached, if any. */
    void detach() {
        KernelSteering k = kernel;
        if (attached && k != null) {
            try {
                k.detach(device, owner());
            } catch (RuntimeException e) {
                LOG.warning("tapsteer: detaching the kernel program of " + device.name() + " failed: " + e.getMessage());
            }
        }
        attached = false;
    }

    private String owner() {
        return "queue-manager " + device.name();
    }
}
