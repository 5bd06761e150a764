package io.tapsteer.queue.internal.strategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import org.osgi.service.component.annotations.Component;

/** Everything to lane 0 (queue 0 when the kernel applies it). A baseline and a way to serialise a device. */
@Component(service = SteeringStrategy.class)
@SteeringStrategyService(name = SingleQueueStrategy.NAME)
public final class SingleQueueStrategy implements SteeringStrategy {
    /** The strategy's name. */
    public static final String NAME = "single-queue";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every frame to lane 0 (queue 0 with kernel steering)";
    }

    @Override
    public int select(Frame frame, int lanes) {
        return 0;
    }

    @Override
    public KernelProgram kernelProgram(int queues) {
        return KernelProgram.fixedQueue(0);
    }

    @Override
    public Explanation explain(Frame frame, int lanes) {
        return Explanation.of(NAME, 0);
    }
}
