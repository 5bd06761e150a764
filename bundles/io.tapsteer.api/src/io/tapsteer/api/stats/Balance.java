package io.tapsteer.api.stats;

/**
 * How evenly received packets spread over the queues of a device in a window, with a verdict.
 *
 * @param queues how many queues were compared
 * @param total packets compared (sum over queues)
 * @param mean mean packets per queue
 * @param max packets on the busiest queue
 * @param maxOverMean max / mean (1 is perfect; n means one queue carried everything), 0 when idle
 * @param coefficientOfVariation population standard deviation / mean (0 is perfect), 0 when idle
 * @param jainIndex Jain's fairness index (sum x)^2 / (n sum x^2): 1 is perfect, 1/n is one hot queue;
 *        1 when idle
 * @param hotQueue the busiest queue's id, -1 when balanced, idle or single
 * @param verdict the classification
 * @param text the verdict in words, naming the hot queue
 */
public record Balance(int queues, long total, double mean, long max, double maxOverMean,
        double coefficientOfVariation, double jainIndex, int hotQueue, Verdict verdict, String text) implements java.io.Serializable {

    /** The classification of a distribution. */
    public enum Verdict {
        /** No packets in the window. */
        IDLE("idle"),
        /** Only one queue: nothing to balance. */
        SINGLE("single"),
        /** Every queue within a small margin of the mean. */
        BALANCED("balanced"),
        /** Uneven, but no queue carries twice the mean. */
        SKEWED("skewed"),
        /** One queue carries at least twice the mean. */
        HOT("hot");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** @return the label used in text and JSON output */
        public String label() {
            return label;
        }
    }
}
