package io.tapsteer.ebpf.internal;

import io.tapsteer.api.tap.KernelCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.ebpf.EbpfKernelSteering;
import io.tapsteer.tap.sys.LibC;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches the programs attached to taps other processes hold: a holder may take the program away
 * (QEMU issues TUNSETSTEERINGEBPF itself when the guest driver starts and on every guest
 * queue-count change). The kernel says nothing when that happens, so each period the watch compares
 * the device's transmitted frames (each went through queue selection) with how often the program
 * ran: frames without runs mean the program is no longer attached, and it is attached again, said
 * once per event. Link events come first: the tun driver announces every queue attached or
 * detached (RTM_NEWLINK), and QEMU resets steering right when the guest changes its queue count, so
 * a change of numqueues/numdisabled attaches the program again at once, with or without traffic.
 * A device that disappears is reported once and forgotten.
 */
public final class ForeignWatch implements AutoCloseable {
    private record Sample(int programFd, long runs, long frames) {
    }

    private final EbpfKernelSteering steering;
    private final long periodMillis;
    private final Consumer<String> log;
    private final Function<TapDevice, String> holders;
    private final Map<TapDevice, Sample> last = new IdentityHashMap<>();
    private final Map<TapDevice, LinkEvents> events = new IdentityHashMap<>();
    private final Map<TapDevice, String> queueCounts = new IdentityHashMap<>();
    private final AtomicLong reattached = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private int statsFd = -1;
    private boolean statsRefused;

    /**
     * @param steering whose foreign programs to watch
     * @param periodMillis how often to look (a replaced program is back within two periods of traffic)
     * @param log where the one line per event goes
     * @param holders a device's holders in words, for the line ({@link HolderNames#from})
     */
    public ForeignWatch(EbpfKernelSteering steering, long periodMillis, Consumer<String> log,
            Function<TapDevice, String> holders) {
        this.steering = steering;
        this.periodMillis = periodMillis;
        this.log = log;
        this.holders = holders;
        thread = new Thread(this::loop, "tapsteer-foreign-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return how many times a program was attached again after its holder took it away */
    public long reattachments() {
        return reattached.get();
    }

    private void loop() {
        long step = Math.min(periodMillis, 50);
        long next = System.nanoTime() + periodMillis * 1_000_000;
        while (running) {
            try {
                Thread.sleep(step);
                links();
                if (System.nanoTime() - next < 0) {
                    continue;
                }
                next = System.nanoTime() + periodMillis * 1_000_000;
                round();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("foreign tap watch: " + e.getMessage());
            }
        }
    }

    /** Reads the link events of every watched device; a changed queue count attaches the program again. */
    synchronized void links() {
        Map<TapDevice, Integer> programs = steering.foreignPrograms();
        events.entrySet().removeIf(en -> {
            if (!programs.containsKey(en.getKey())) {
                en.getValue().close();
                queueCounts.remove(en.getKey());
                return true;
            }
            return false;
        });
        for (TapDevice d : programs.keySet()) {
            LinkEvents ev = events.get(d);
            if (ev == null) {
                try {
                    events.put(d, d.namespace().call(LinkEvents::new));
                    queueCounts.put(d, queues(d));
                } catch (RuntimeException gone) {
                    continue; // the round sees it closed
                }
                continue;
            }
            if (!ev.drain()) {
                continue;
            }
            String now;
            try {
                now = queues(d);
            } catch (RuntimeException gone) {
                continue;
            }
            String before = queueCounts.put(d, now);
            if (!now.equals(before) && steering.reattach(d)) {
                last.remove(d); // the counters start again from this program
                log.accept(holders.apply(d) + " changed the queues of " + d.name() + " (netns " + d.namespace().label()
                        + ") from " + before + " to " + now + ": steering program attached again");
                reattached.incrementAndGet();
            }
        }
    }

    /** @return whether the watch follows the link events of the device's namespace */
    public synchronized boolean watchesLinks(TapDevice device) {
        return events.containsKey(device);
    }

    private static String queues(TapDevice d) {
        return d.attachedQueues() + "+" + d.detachedQueues();
    }

    /** One look at every watched device. */
    synchronized void round() {
        Map<TapDevice, Integer> programs = steering.foreignPrograms();
        last.keySet().removeIf(d -> {
            if (!programs.containsKey(d)) {
                if (d.isClosed()) {
                    log.accept(d.name() + " (netns " + d.namespace().label() + ") is gone (its holder exited or it was "
                            + "deleted): its steering program is forgotten");
                }
                return true;
            }
            return false;
        });
        if (programs.isEmpty()) {
            stats(false);
            return;
        }
        if (!stats(true)) {
            return;
        }
        programs.forEach(this::look);
    }

    private void look(TapDevice d, int programFd) {
        long runs = BpfStats.runCount(programFd);
        long frames;
        try {
            KernelCounters c = d.kernelCounters();
            frames = c.txPackets() + c.txDropped();
        } catch (RuntimeException gone) {
            return; // the next round sees it closed
        }
        Sample before = last.put(d, new Sample(programFd, runs, frames));
        if (before == null || before.programFd != programFd || runs < 0) {
            return;
        }
        if (frames > before.frames && runs == before.runs && steering.reattach(d)) {
            last.put(d, new Sample(programFd, BpfStats.runCount(programFd), frames));
            log.accept(holders.apply(d) + " replaced the steering program of " + d.name() + " (netns "
                    + d.namespace().label() + "): re-attached");
            reattached.incrementAndGet(); // after the line: whoever sees the count sees the line
        }
    }

    /** Turns run counters on while there is something to watch; @return whether they are on */
    private boolean stats(boolean on) {
        if (on && statsFd < 0 && !statsRefused) {
            try {
                statsFd = BpfStats.enable();
            } catch (RuntimeException e) {
                statsRefused = true;
                log.accept("cannot watch taps other processes hold: " + e.getMessage());
            }
        } else if (!on && statsFd >= 0) {
            LibC.close(statsFd);
            statsFd = -1;
        }
        return statsFd >= 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            stats(false);
            events.values().forEach(LinkEvents::close);
            events.clear();
        }
    }
}
