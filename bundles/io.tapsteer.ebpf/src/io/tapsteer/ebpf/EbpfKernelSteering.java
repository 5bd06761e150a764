package io.tapsteer.ebpf;

import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.steering.KernelSteeringStatus;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.KernelQueueCounters;
import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapException;
import io.tapsteer.ebpf.internal.Availability;
import io.tapsteer.ebpf.internal.FixedQueueUnit;
import io.tapsteer.ebpf.internal.KernelParity;
import io.tapsteer.ebpf.internal.PinnedUnits;
import io.tapsteer.ebpf.internal.Pins;
import io.tapsteer.ebpf.internal.RssProgram;
import io.tapsteer.ebpf.internal.RssUnit;
import io.tapsteer.ebpf.internal.StalePins;
import io.tapsteer.ebpf.internal.SteeringUnit;
import io.tapsteer.ebpf.internal.TableUnit;
import io.tapsteer.ebpf.internal.TunRss;
import io.tapsteer.rss.RssEngine;
import io.tapsteer.tap.sys.Errno;
import io.tapsteer.tap.sys.LibC;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kernel steering by generated eBPF programs (TUNSETSTEERINGEBPF), usable with or without OSGi
 * (benchmarks: {@code new EbpfKernelSteering(false).attach(tap, KernelProgram.rss(config), "bench")}).
 * One owner per device; the same owner attaching again rewrites the maps in place when the program
 * shape allows (a new RSS key, hash types, table or unclassified queue; a new table of the same
 * size) and swaps programs otherwise. When the probe found the tun RSS ioctls, RSS goes through
 * them instead of eBPF. {@link #close()} detaches the programs of tapsteer's own taps.
 *
 * <p>Every program is pinned with its maps in bpffs ({@link Pins}, one directory per device), so a
 * program left on a tap (one another process holds, or a persistent tap tapsteer closed) outlives
 * tapsteer: {@link #statuses()} lists it, and attach, detach and a new configuration on that device
 * take it over from its pins (an RSS configuration is rewritten in the pinned maps, live). Detach
 * and a device that is gone remove the pins, and so does {@link #removeStalePins()} for the pins of
 * a run that ended without detaching, once their device is gone.
 */
public final class EbpfKernelSteering implements KernelSteering, AutoCloseable {
    private record Entry(String owner, SteeringUnit unit, KernelProgram tunRss, Instant since, Path pin, String pinNote) {
        KernelProgram program() {
            return unit != null ? unit.program() : tunRss;
        }
    }

    private final boolean tunRssIoctls;
    private final Pins pins;
    private final Map<TapDevice, Entry> entries = new IdentityHashMap<>();

    /**
     * @param tunRssIoctls the probe's verdict on the tun RSS ioctls ({@code TapFeatures.rssIoctls()}):
     *        when true, RSS is configured with TUNSETVNETHASH instead of an eBPF program
     */
    public EbpfKernelSteering(boolean tunRssIoctls) {
        this(tunRssIoctls, Pins.standard());
    }

    /**
     * @param tunRssIoctls as above
     * @param pins where programs are pinned
     */
    public EbpfKernelSteering(boolean tunRssIoctls, Pins pins) {
        this.tunRssIoctls = tunRssIoctls;
        this.pins = pins;
    }

    @Override
    public boolean isAvailable() {
        return Availability.cause().isEmpty();
    }

    @Override
    public String unavailabilityCause() {
        return Availability.cause();
    }

    @Override
    public synchronized KernelSteeringStatus attach(TapDevice device, KernelProgram program, String owner) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(program, "program");
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner must name who attaches (a strategy or a user), not be empty");
        }
        prune();
        Entry e = entryOrPinned(device);
        refuseOtherOwner(device, e, owner);
        if (program.kind() == KernelProgram.Kind.AUTOMQ) {
            detach(device, owner);
            return new KernelSteeringStatus(device.name(), owner, program, -1, 0, Instant.now(), "none");
        }
        validate(device, program);
        String cause = unavailabilityCause(); // one probe, not two
        if (!cause.isEmpty()) {
            throw new IllegalStateException("kernel steering is not available: " + cause
                    + "; the user-space strategies keep working");
        }
        if (tunRssIoctls && program.kind() == KernelProgram.Kind.RSS) {
            Instant since = e != null && e.unit == null ? e.since : Instant.now();
            if (e != null && e.unit != null) { // tun refuses RSS while a steering program is attached (EBUSY)
                entries.remove(device);
                release(device, e);
            }
            TunRss.apply(device, program.rss());
            Entry tun = new Entry(owner, null, program, since, null, "");
            entries.put(device, tun);
            return status(device, tun);
        }
        if (e != null && e.unit != null && e.unit.rewrite(program)) {
            if (isForeign(device)) { // its holder may have replaced the program meanwhile: ours again, same fd
                device.setSteeringProgram(e.unit.programFd());
            }
            Entry pinned = pin(device, e.owner, e.unit, e.since);
            entries.put(device, pinned);
            return status(device, pinned);
        }
        if (e != null && e.unit == null) { // and a steering program while tun RSS is on (EBUSY)
            entries.remove(device);
            release(device, e);
            e = null;
        }
        SteeringUnit unit = load(program);
        try {
            device.setSteeringProgram(unit.programFd()); // replaces the old program atomically
        } catch (RuntimeException ex) {
            unit.close();
            throw ex;
        }
        if (e != null) {
            e.unit.close();
        }
        Entry next = pin(device, owner, unit, Instant.now());
        entries.put(device, next);
        return status(device, next);
    }

    /** Pins the unit for the device (replacing older pins); a failure is kept as a note, steering goes on. */
    private Entry pin(TapDevice device, String owner, SteeringUnit unit, Instant since) {
        long inode = Pins.inodeOf(device);
        if (inode < 0) {
            return new Entry(owner, unit, null, since, null, "not pinned: the namespace of " + device.name() + " cannot be read");
        }
        try {
            Path dir = pins.pin(inode, device.name(), unit.objects(),
                    PinnedUnits.meta(unit, owner, since, device.name(), device.namespace().label()));
            return new Entry(owner, unit, null, since, dir, "pinned at " + dir);
        } catch (RuntimeException ex) {
            return new Entry(owner, unit, null, since, null, "not pinned: " + ex.getMessage());
        }
    }

    /** @return the entry of the device, or one taken over from its pins (left by an earlier run), or null */
    private Entry entryOrPinned(TapDevice device) {
        Entry e = entries.get(device);
        if (e != null) {
            return e;
        }
        long inode = Pins.inodeOf(device);
        if (inode < 0) {
            return null;
        }
        Path dir = pins.dirOf(inode, device.name());
        if (!java.nio.file.Files.isDirectory(dir)) {
            return null;
        }
        for (Entry other : entries.values()) {
            if (dir.equals(other.pin)) {
                return null; // another handle of this runtime on the same device holds it
            }
        }
        PinnedUnits.Adopted a = PinnedUnits.adopt(dir);
        Entry adopted = new Entry(a.owner(), a.unit(), null, a.since(), dir, "pinned at " + dir + " (taken over)");
        entries.put(device, adopted);
        return adopted;
    }

    /**
     * The RSS steering program as it is generated and assembled for an attach, with placeholder map
     * fds (3 and 4) and without loading it: for reading it and for timing its generation (what an
     * attach or a program swap costs before bpf(2)).
     *
     * @return the program's bytes, 8 per instruction
     */
    public static byte[] rssProgramBytecode() {
        return RssProgram.generate(3, 4).assemble();
    }

    private static SteeringUnit load(KernelProgram program) {
        return switch (program.kind()) {
            case FIXED_QUEUE -> new FixedQueueUnit(program);
            case TABLE -> new TableUnit(program);
            case RSS -> new RssUnit(program);
            case AUTOMQ -> throw new IllegalArgumentException("automq has no program");
        };
    }

    private static void validate(TapDevice device, KernelProgram program) {
        int queues = device.attachedQueues();
        if (queues == 0) {
            throw new IllegalArgumentException("tap \"" + device.name() + "\" has no attached queue (no process holds one, "
                    + "or its holders detached them all): there is nothing to steer; tap:scan shows its holders");
        }
        switch (program.kind()) {
            case RSS -> program.rss().validateFor(queues);
            case FIXED_QUEUE -> {
                if (program.queue() >= queues) {
                    throw new IllegalArgumentException("fixed queue " + program.queue() + " but tap \"" + device.name()
                            + "\" has " + queues + " queues: use 0 to " + (queues - 1));
                }
            }
            case TABLE -> {
                int[] t = program.table();
                for (int i = 0; i < t.length; i++) {
                    if (t[i] >= queues) {
                        throw new IllegalArgumentException("table slot " + i + " points at queue " + t[i] + " but tap \""
                                + device.name() + "\" has " + queues + " queues: entries must be 0 to " + (queues - 1));
                    }
                }
            }
            default -> { }
        }
    }

    private void refuseOtherOwner(TapDevice device, Entry e, String owner) {
        if (e != null && !e.owner.equals(owner)) {
            throw new IllegalStateException("EBUSY: tap \"" + device.name() + "\" is steered by '" + e.owner + "' ("
                    + e.program() + ", since " + e.since + "); one kernel steering owner per device: '" + e.owner
                    + "' must detach first");
        }
    }

    @Override
    public synchronized void detach(TapDevice device, String owner) {
        prune();
        Entry e = entryOrPinned(device);
        if (e == null) {
            if (isForeign(device) && !device.isClosed()) {
                device.setSteeringProgram(-1); // what an earlier run left on a tap another process holds
            }
            return;
        }
        refuseOtherOwner(device, e, owner);
        release(device, e);
        entries.remove(device);
    }

    /** @return whether this runtime holds no queue of the device: a tap another process holds */
    private static boolean isForeign(TapDevice device) {
        return device.queues().isEmpty();
    }

    private static void release(TapDevice device, Entry e) {
        try {
            if (!device.isClosed() && !device.isGone()) { // a deleted device took its program along
                if (e.unit != null) {
                    device.setSteeringProgram(-1); // back to automq
                } else {
                    TunRss.apply(device, null);
                }
            }
        } finally {
            if (e.unit != null) {
                e.unit.close();
            }
            unpin(e);
        }
    }

    private static void unpin(Entry e) {
        if (e.pin != null) {
            try {
                Pins.remove(e.pin);
            } catch (RuntimeException ignored) {
                // a pin directory someone else changed: left for them
            }
        }
    }

    /**
     * Forgets devices closed underneath. A device that is gone took its program along: its pins go
     * too. A device that is still there (a persistent tap tapsteer closed) keeps its program in the
     * kernel and its pins: {@link #statuses()} lists it from them, and a later handle takes it over.
     */
    private void prune() {
        entries.entrySet().removeIf(en -> {
            if (en.getKey().isClosed()) {
                if (en.getValue().unit != null) {
                    en.getValue().unit.close();
                }
                if (!stillThere(en.getKey())) {
                    unpin(en.getValue());
                }
                return true;
            }
            return false;
        });
    }

    /** @return whether a device tapsteer no longer holds still exists in its namespace */
    private static boolean stillThere(TapDevice device) {
        if (device.isGone()) {
            return false;
        }
        try {
            String name = device.name();
            return device.namespace().call(() -> LibC.if_nametoindex(name) > 0); // in the device's namespace
        } catch (TapException e) {
            // interrupted while asking: not known to be gone, so its pins stay; otherwise the namespace is gone
            return e.errno() == Errno.EINTR;
        } catch (RuntimeException e) {
            return false; // the namespace is gone, and the device with it
        }
    }

    @Override
    public synchronized Optional<KernelSteeringStatus> status(TapDevice device) {
        prune();
        Entry e;
        try {
            e = entryOrPinned(device);
        } catch (RuntimeException unreadable) {
            e = entries.get(device);
        }
        return e == null ? Optional.empty() : Optional.of(status(device, e));
    }

    @Override
    public synchronized List<KernelSteeringStatus> statuses() {
        prune();
        removeStalePins();
        List<KernelSteeringStatus> all = new ArrayList<>();
        java.util.Set<Path> held = new java.util.HashSet<>();
        entries.forEach((d, e) -> {
            all.add(status(d, e));
            if (e.pin != null) {
                held.add(e.pin);
            }
        });
        for (Path dir : pins.list()) {
            if (!held.contains(dir)) {
                pinnedStatus(dir).ifPresent(all::add);
            }
        }
        return all;
    }

    /**
     * Removes the pins no handle of this runtime holds whose device is gone (left by a run that
     * crashed or was killed after the device's holder exited or its namespace was deleted): the
     * program went with the device, the pins only keep its maps.
     *
     * @return one line per directory removed, or not removable, saying which device and why
     */
    public synchronized List<String> removeStalePins() {
        java.util.Set<Path> held = new java.util.HashSet<>();
        entries.values().forEach(e -> held.add(e.pin));
        List<String> lines = new ArrayList<>();
        for (Path dir : pins.list()) {
            if (held.contains(dir)) {
                continue;
            }
            Optional<String> why = StalePins.whyGone(dir);
            if (why.isEmpty()) {
                continue;
            }
            String device = Pins.meta(dir).getOrDefault("device", dir.getFileName().toString());
            try {
                Pins.remove(dir);
                lines.add("removed the stale pins of " + device + " at " + dir + ": " + why.get());
            } catch (RuntimeException e) {
                lines.add("stale pins of " + device + " at " + dir + " (" + why.get() + ") could not be removed: "
                        + e.getMessage());
            }
        }
        return lines;
    }

    /** @return the status of a program no handle of this runtime holds, read from its pins */
    private static Optional<KernelSteeringStatus> pinnedStatus(Path dir) {
        Map<String, String> meta = Pins.meta(dir);
        try {
            PinnedUnits.Adopted a = PinnedUnits.adopt(dir);
            try {
                return Optional.of(new KernelSteeringStatus(meta.getOrDefault("device", "?"), a.owner(), a.unit().program(), -1,
                        a.unit().instructions(), a.since(), "pinned at " + dir + " (netns " + meta.getOrDefault("netns", "?")
                                + "; no handle of this runtime holds it), " + a.unit().maps()));
            } finally {
                a.unit().close();
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static KernelSteeringStatus status(TapDevice device, Entry e) {
        if (e.unit == null) {
            RssConfig c = e.tunRss.rss();
            return new KernelSteeringStatus(device.name(), e.owner, e.tunRss, -1, 0, e.since, "tun RSS (TUNSETVNETHASH): " + c);
        }
        return new KernelSteeringStatus(device.name(), e.owner, e.unit.program(), e.unit.programFd(),
                e.unit.instructions(), e.since, e.unit.maps() + (e.pinNote.isEmpty() ? "" : "; " + e.pinNote));
    }

    @Override
    public List<KernelQueueCounters> programCounters(TapDevice device) {
        SteeringUnit unit;
        synchronized (this) {
            prune();
            Entry e = entries.get(device);
            if (e == null || e.unit == null) {
                return List.of();
            }
            unit = e.unit;
        }
        try {
            return unit.queueCounters(device.attachedQueues());
        } catch (IllegalStateException closed) { // replaced or detached meanwhile
            return List.of();
        }
    }

    /**
     * @return the program fd attached to each device this runtime holds no queue of (a tap another
     *         process holds), for watching whether its holder took the program away
     */
    public synchronized Map<TapDevice, Integer> foreignPrograms() {
        prune();
        Map<TapDevice, Integer> out = new IdentityHashMap<>();
        entries.forEach((d, e) -> {
            if (e.unit != null && isForeign(d)) {
                out.put(d, e.unit.programFd());
            }
        });
        return out;
    }

    /**
     * Attaches the program this instance holds for the device again, for when its holder removed
     * or replaced it (the kernel keeps one steering program per device, whoever set it).
     *
     * @return false when nothing is held for the device
     */
    public synchronized boolean reattach(TapDevice device) {
        prune();
        Entry e = entries.get(device);
        if (e == null || e.unit == null) {
            return false;
        }
        device.setSteeringProgram(e.unit.programFd());
        return true;
    }

    /**
     * Explains what the kernel does with a frame on a device: the RSS program's decision (with a
     * note where it departs from user-space RSS), the table slot, the fixed queue, or automq.
     *
     * @return the explanation, path "kernel"
     */
    public synchronized Explanation explain(TapDevice device, ByteBuffer frame, int off, int len) {
        prune();
        Entry e = entries.get(device);
        KernelProgram p = e == null ? KernelProgram.automq() : e.program();
        int queues = device.attachedQueues();
        return switch (p.kind()) {
            case RSS -> {
                Explanation x = KernelParity.explain(new RssEngine(p.rss()), frame, off, len);
                yield new Explanation(x.strategy(), x.path(), x.fields(), x.hash(), x.hashType(), x.slot(), x.queue() % queues,
                        x.note());
            }
            case TABLE -> {
                int slot = TableUnit.slotOf(frame, off, len, p.table().length - 1);
                yield new Explanation("table", "kernel", List.of(), -1, "header-hash", slot, p.table()[slot] % queues, "");
            }
            case FIXED_QUEUE -> new Explanation("fixed-queue", "kernel", List.of(), -1, "none", -1, p.queue(), "");
            case AUTOMQ -> new Explanation("automq", "kernel", List.of(), -1, "none", -1, -1,
                    "the kernel's own flow hash picks the queue (not predictable from user space)");
        };
    }

    /**
     * Detaches every program this instance attached to its own taps and closes every fd it owns.
     * Programs on taps other processes hold stay attached and keep steering (the device holds the
     * program, not the fd): the holder's traffic does not fall back to automq because tapsteer
     * stopped; a later {@link #detach} of that device returns it to automq.
     */
    @Override
    public synchronized void close() {
        prune(); // a persistent tap closed before keeps its program and pins
        for (Map.Entry<TapDevice, Entry> en : entries.entrySet()) {
            try {
                if (isForeign(en.getKey()) && en.getValue().unit != null) {
                    en.getValue().unit.close(); // the pins keep program and maps
                    continue;
                }
                release(en.getKey(), en.getValue());
            } catch (RuntimeException ignored) {
                // the device may be gone; its fds are closed either way
            }
        }
        entries.clear();
    }
}
