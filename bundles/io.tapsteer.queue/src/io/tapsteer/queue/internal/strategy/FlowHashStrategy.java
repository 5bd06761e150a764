package io.tapsteer.queue.internal.strategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import org.osgi.service.component.annotations.Component;

/** Software flow hash: addresses and ports hashed, lane = hash mod lanes. Keeps every flow on one lane. */
@Component(service = SteeringStrategy.class)
@SteeringStrategyService(name = FlowHashStrategy.NAME)
public final class FlowHashStrategy implements SteeringStrategy {
    /** The strategy's name. */
    public static final String NAME = "flow-hash";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "flow hash in user space: addresses and ports hashed, lane = hash mod lanes";
    }

    @Override
    public int select(Frame frame, int lanes) {
        return FlowHash.lane(FlowHash.of(frame), lanes);
    }

    @Override
    public Explanation explain(Frame frame, int lanes) {
        int h = FlowHash.of(frame);
        return new Explanation(NAME, "user", java.util.List.of(), h & 0xffffffffL, "flow", -1, FlowHash.lane(h, lanes),
                h == 0 ? "non-IP frame: hash 0" : "");
    }
}
