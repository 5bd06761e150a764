package io.tapsteer.example.steering;

import java.util.Arrays;

/**
 * Destination-port ranges pinned to lanes, parsed from entries {@code "LOW-HIGH:LANE"} (or
 * {@code "PORT:LANE"}). Immutable; {@link #lane(int)} is a binary search over primitive arrays, so
 * it allocates nothing on the data path.
 */
public final class PortRanges {
    private final int[] low;
    private final int[] high;
    private final int[] lane;

    private PortRanges(int[] low, int[] high, int[] lane) {
        this.low = low;
        this.high = high;
        this.lane = lane;
    }

    /**
     * @param entries {@code "LOW-HIGH:LANE"} or {@code "PORT:LANE"}, ports 0 to 65535, lanes 0 or
     *        more, ranges not overlapping
     * @return the ranges
     * @throws IllegalArgumentException naming the bad entry and the allowed form
     */
    public static PortRanges parse(String... entries) {
        int n = entries.length;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            String e = entries[i].strip();
            int colon = e.lastIndexOf(':');
            if (colon < 0) {
                throw bad(e, "no ':LANE'");
            }
            String ports = e.substring(0, colon).strip();
            int dash = ports.indexOf('-');
            int lo = port(e, dash < 0 ? ports : ports.substring(0, dash));
            int hi = dash < 0 ? lo : port(e, ports.substring(dash + 1));
            int ln = number(e, e.substring(colon + 1).strip(), "lane");
            if (hi < lo) {
                throw bad(e, "the range ends (" + hi + ") before it starts (" + lo + ")");
            }
            packed[i] = ((long) lo << 40) | ((long) hi << 20) | ln;
        }
        Arrays.sort(packed);
        int[] lo = new int[n];
        int[] hi = new int[n];
        int[] ln = new int[n];
        for (int i = 0; i < n; i++) {
            lo[i] = (int) (packed[i] >>> 40);
            hi[i] = (int) (packed[i] >>> 20) & 0xfffff;
            ln[i] = (int) packed[i] & 0xfffff;
            if (i > 0 && lo[i] <= hi[i - 1]) {
                throw new IllegalArgumentException("port ranges " + lo[i - 1] + "-" + hi[i - 1] + " and " + lo[i] + "-" + hi[i]
                        + " overlap: each port may be pinned to one lane only");
            }
        }
        return new PortRanges(lo, hi, ln);
    }

    /** @return the lane pinned for {@code port}, or -1 when no range holds it */
    public int lane(int port) {
        int a = 0;
        int b = low.length - 1;
        while (a <= b) {
            int m = (a + b) >>> 1;
            if (port < low[m]) {
                b = m - 1;
            } else if (port > high[m]) {
                a = m + 1;
            } else {
                return lane[m];
            }
        }
        return -1;
    }

    /** @return the range holding {@code port} as {@code "LOW-HIGH"}, or null */
    public String rangeOf(int port) {
        for (int i = 0; i < low.length; i++) {
            if (port >= low[i] && port <= high[i]) {
                return low[i] + "-" + high[i];
            }
        }
        return null;
    }

    private static int port(String entry, String s) {
        int p = number(entry, s.strip(), "port");
        if (p > 65535) {
            throw bad(entry, "port " + p + " is above 65535");
        }
        return p;
    }

    private static int number(String entry, String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0 || v > 0xfffff) {
                throw bad(entry, what + " " + v + " is out of range");
            }
            return v;
        } catch (NumberFormatException x) {
            throw bad(entry, what + " '" + s + "' is not a number");
        }
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("port range '" + entry + "': " + why
                + "; use LOW-HIGH:LANE or PORT:LANE with ports 0 to 65535, for example 5000-5999:0");
    }
}
