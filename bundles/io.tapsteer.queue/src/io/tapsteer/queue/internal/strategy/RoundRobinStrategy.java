package io.tapsteer.queue.internal.strategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import org.osgi.service.component.annotations.Component;

/**
 * Round robin over the lanes, frame by frame. Spreads load perfectly and BREAKS FLOW ORDER: frames
 * of one flow go to different lanes, whose threads run concurrently. Use it to stress handlers, not
 * for traffic that needs order. The counter is shared by pollers without a lock on purpose: a lost
 * increment only skews the spread.
 */
@Component(service = SteeringStrategy.class)
@SteeringStrategyService(name = RoundRobinStrategy.NAME)
public final class RoundRobinStrategy implements SteeringStrategy {
    /** The strategy's name. */
    public static final String NAME = "round-robin";
    private int next;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "round robin over lanes, frame by frame: even load, breaks flow order";
    }

    @Override
    public int select(Frame frame, int lanes) {
        int n = next++;
        return (n & Integer.MAX_VALUE) % lanes;
    }

    @Override
    public boolean keepsFlowOrder() {
        return false;
    }

    @Override
    public Explanation explain(Frame frame, int lanes) {
        return new Explanation(NAME, "user", java.util.List.of(), -1, "none", -1, (next & Integer.MAX_VALUE) % lanes,
                "round robin: the next lane in turn; frames of one flow may be reordered");
    }
}
