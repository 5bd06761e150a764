package io.tapsteer.queue.internal.strategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import org.osgi.service.component.annotations.Component;

/**
 * The kernel's own steering (automq): the kernel hashes each flow to a queue and learns from writes
 * which queue a flow's replies belong on. In user space this is pass-through: the lane is the queue.
 * For transmit (and when user lanes are forced) a frame of a flow always picks the same queue by its
 * flow hash, so the kernel then sends that flow's replies back on it.
 */
@Component(service = SteeringStrategy.class)
@SteeringStrategyService(name = AutomqStrategy.NAME)
public final class AutomqStrategy implements SteeringStrategy {
    /** The strategy's name. */
    public static final String NAME = "automq";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "kernel automq: the kernel's flow hash picks the queue; the lane is the queue";
    }

    @Override
    public int select(Frame frame, int lanes) {
        int q = frame.queue();
        return q >= 0 && q < lanes ? q : FlowHash.lane(FlowHash.of(frame), lanes);
    }

    @Override
    public KernelProgram kernelProgram(int queues) {
        return KernelProgram.automq();
    }

    @Override
    public Explanation explain(Frame frame, int lanes) {
        int q = frame.queue();
        if (q >= 0) {
            return new Explanation(NAME, "kernel", java.util.List.of(), -1, "none", -1, q,
                    "the kernel's automq flow hash chose queue " + q + "; the lane is the queue");
        }
        int h = FlowHash.of(frame);
        return new Explanation(NAME, "user", java.util.List.of(), h & 0xffffffffL, "flow", -1, FlowHash.lane(h, lanes),
                "transmit: a flow always writes on one queue, so automq sends its replies back there");
    }
}
