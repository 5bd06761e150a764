package io.tapsteer.ui;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.lab.TrafficSource;
import io.tapsteer.ui.internal.Background;
import io.tapsteer.ui.internal.Messages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab traffic sources running in this process, one per device at most: the ones the Lab panel
 * started and the demo lab's. Every source is bounded in frames and time by {@link TrafficSource}
 * itself; this registry lets the panel show and stop them.
 */
public final class LabSources {

    /**
     * One running (or finished) source.
     *
     * @param device the device it sends on
     * @param source the source
     * @param settings its settings in words ("64 flows, 10000 frames/s, mixed")
     * @param result its result once it stopped
     */
    public record Running(TapDevice device, TrafficSource source, String settings, CompletableFuture<TrafficSource.Result> result) {
        /** @return whether it still sends */
        public boolean sending() {
            return !result.isDone();
        }
    }

    private static final Map<String, Running> SOURCES = new ConcurrentHashMap<>();

    private LabSources() {
    }

    /**
     * Registers a started source and waits for its end off every caller's thread.
     *
     * @param device the device it sends on
     * @param source a started source
     * @param settings its settings in words
     * @return the entry
     * @throws IllegalStateException when another source still sends on the device
     */
    public static Running register(TapDevice device, TrafficSource source, String settings) {
        Running r = new Running(device, source, settings, CompletableFuture.supplyAsync(source::await, Background.TASKS));
        Running before = SOURCES.put(device.name(), r);
        if (before != null && before.sending() && before.source() != source) {
            SOURCES.put(device.name(), before);
            source.stop();
            throw new IllegalStateException(Messages.bind(Messages.Lab_alreadySending, device.name()));
        }
        return r;
    }

    /** @return the source of a device, or null */
    public static Running of(String device) {
        return SOURCES.get(device);
    }

    /** @return whether a source still sends on the device */
    public static boolean sending(String device) {
        Running r = SOURCES.get(device);
        return r != null && r.sending();
    }

    /** @return every source known, running or finished */
    public static List<Running> all() {
        return List.copyOf(SOURCES.values());
    }

    /** Asks the device's source to stop (it stops after its current batch); does not wait. */
    public static void stop(String device) {
        Running r = SOURCES.get(device);
        if (r != null) {
            r.source().stop();
        }
    }
}
