package io.tapsteer.queue.internal;

import io.tapsteer.api.frame.FrameHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The frame handlers of one device, and for each lane the array of those that want it. Changes
 * (bind, unbind) rebuild the arrays; the data path reads one volatile array per batch.
 */
public final class Handlers {
    private static final FrameHandler[] NONE = {};

    /** A handler, the device it asked for (null for all) and the lanes it asked for (null for all). */
    private record Entry(FrameHandler handler, String device, int[] lanes) {
        boolean wants(String name, int lane) {
            if (device != null && !device.equals(name)) {
                return false;
            }
            if (lanes == null) {
                return true;
            }
            for (int l : lanes) {
                if (l == lane) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile FrameHandler[][] byLane = new FrameHandler[0][];
    private volatile String deviceName;

    /**
     * Adds a handler.
     *
     * @param handler the handler
     * @param lanes the lanes it wants, or null for every lane
     */
    public void add(FrameHandler handler, int[] lanes) {
        add(handler, null, lanes);
    }

    /**
     * Adds a handler for one device.
     *
     * @param handler the handler
     * @param device the device name it wants, or null for any
     * @param lanes the lanes it wants, or null for every lane
     */
    public void add(FrameHandler handler, String device, int[] lanes) {
        entries.add(new Entry(handler, device, lanes == null ? null : lanes.clone()));
        rebuild(byLane.length);
    }

    /** Sets the device name handlers with a device property are matched against. */
    public void device(String name) {
        deviceName = name;
        rebuild(byLane.length);
    }

    /** Removes a handler (every registration of it). */
    public void remove(FrameHandler handler) {
        entries.removeIf(e -> e.handler == handler);
        rebuild(byLane.length);
    }

    /** @return the handlers of a lane; allocation-free once the lane is known */
    FrameHandler[] forLane(int lane) {
        FrameHandler[][] b = byLane;
        if (lane < b.length) {
            return b[lane];
        }
        return rebuild(lane + 1)[lane];
    }

    private synchronized FrameHandler[][] rebuild(int lanes) {
        int n = Math.max(lanes, byLane.length);
        FrameHandler[][] b = new FrameHandler[n][];
        for (int lane = 0; lane < n; lane++) {
            List<FrameHandler> l = new ArrayList<>();
            for (Entry e : entries) {
                if (e.wants(deviceName, lane)) {
                    l.add(e.handler);
                }
            }
            b[lane] = l.isEmpty() ? NONE : l.toArray(NONE);
        }
        byLane = b;
        return b;
    }

    /**
     * Parses the {@link FrameHandler#LANES} service property.
     *
     * @param value absent, an Integer, an int[] / Integer[] / long[], a collection or "1,2"
     * @return the lanes, or null for all
     * @throws IllegalArgumentException for anything else, saying what is allowed
     */
    public static int[] lanesProperty(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return new int[] {n.intValue()};
        }
        if (value instanceof int[] a) {
            return a.clone();
        }
        if (value instanceof long[] a) {
            return Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
        }
        if (value instanceof Object[] a) {
            return Arrays.stream(a).mapToInt(o -> Integer.parseInt(o.toString().trim())).toArray();
        }
        if (value instanceof Iterable<?> it) {
            List<Integer> l = new ArrayList<>();
            it.forEach(o -> l.add(Integer.parseInt(o.toString().trim())));
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
        if (value instanceof String s) {
            return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
        }
        throw new IllegalArgumentException("service property " + FrameHandler.LANES + " is a " + value.getClass().getName()
                + ": use an Integer, an int[] or a comma-separated String of lane numbers");
    }
}
