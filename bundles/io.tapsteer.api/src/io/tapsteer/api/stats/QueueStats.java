package io.tapsteer.api.stats;

/**
 * One queue's (or lane's) counters with their rates and share of the device's traffic.
 *
 * @param counters the consistent counter snapshot
 * @param rxRate receive rate over the window
 * @param txRate transmit rate over the window
 * @param share this queue's fraction (0..1) of the device's received packets in the window, or of
 *        all received packets when no window exists yet
 */
public record QueueStats(CounterSnapshot counters, Rate rxRate, Rate txRate, double share) implements java.io.Serializable {

    /** @return the queue id or lane index */
    public int index() {
        return counters.index();
    }
}
