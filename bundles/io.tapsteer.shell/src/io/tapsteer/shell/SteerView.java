package io.tapsteer.shell;

import io.tapsteer.api.stats.CounterSnapshot;
import io.tapsteer.api.steering.Explanation;
import java.util.List;

/** What the {@code steer:} commands return; formatted by {@link TextFormat}. */
final class SteerView {
    private SteerView() {
    }

    /**
     * One strategy as {@code steer:list} shows it.
     *
     * @param name its name
     * @param description one sentence
     * @param keepsFlowOrder whether a flow's frames stay on one lane
     * @param kernelForm whether it has a kernel form
     * @param bundle the bundle that registered it
     * @param activeOn devices using it now
     */
    record StrategyRow(String name, String description, boolean keepsFlowOrder, boolean kernelForm, String bundle,
            List<String> activeOn) {
    }

    /**
     * A steered device as {@code steer:show} shows it.
     *
     * @param device the device
     * @param strategy the active strategy
     * @param steering how it is applied (kernel program, automq, user space) and why
     * @param lanes lanes
     * @param queues per-queue counters
     * @param laneCounters per-lane counters
     * @param refused configurations in conf/ that were refused (file, property, what is wrong, what is allowed)
     */
    record Device(String device, String strategy, String steering, int lanes, List<CounterSnapshot> queues,
            List<CounterSnapshot> laneCounters, List<String> refused) {
    }

    /**
     * An explanation with where it applies.
     *
     * @param device the device, or "" when none is steered
     * @param steering how the device applies the strategy
     * @param explanation the strategy's explanation
     */
    record Explained(String device, String steering, Explanation explanation) {
    }
}
