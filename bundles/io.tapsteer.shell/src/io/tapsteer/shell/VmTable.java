package io.tapsteer.shell;

/**
 * The guest demo's live table: per queue the guest's own counter, tapsteer's prediction, the
 * kernel's count and the guest's receive rate. Redraws in place on a terminal (ANSI), prints blocks
 * otherwise.
 */
final class VmTable {
    private final boolean redraw;
    private long[] last = new long[0];
    private long lastNanos;
    private int lastLines;

    VmTable(boolean redraw) {
        this.redraw = redraw;
    }

    /** @return the table for {@code r} */
    String render(VmReport r) {
        long now = System.nanoTime();
        double dt = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        double[] pps = new double[r.guest().length];
        for (int q = 0; q < pps.length; q++) {
            pps[q] = dt == 0 || q >= last.length ? 0 : (r.guest()[q] - last[q]) / dt;
        }
        last = r.guest().clone();
        lastNanos = now;
        StringBuilder b = new StringBuilder(r.header());
        r.table(b, pps);
        String table = b.substring(0, b.length() - 1);
        if (!redraw) {
            return table + "\n";
        }
        String up = lastLines == 0 ? "" : "\u001b[" + lastLines + "F\u001b[J";
        lastLines = (int) table.chars().filter(c -> c == '\n').count() + 1;
        return up + table + "\n";
    }
}
