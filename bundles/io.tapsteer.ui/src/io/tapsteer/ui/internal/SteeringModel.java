package io.tapsteer.ui.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.SteeringStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * What the steering view shows at one poll: the strategy services registered now and the queue
 * managers with their active strategy.
 *
 * @param strategies registered strategies in name order
 * @param managers running queue managers
 */
public record SteeringModel(List<StrategyRow> strategies, List<ManagerRow> managers) {

    /**
     * @param name the strategy's name
     * @param description one sentence
     * @param keepsFlowOrder whether one flow stays on one lane
     * @param kernelForm whether the strategy has a kernel program
     */
    public record StrategyRow(String name, String description, boolean keepsFlowOrder, boolean kernelForm) {
    }

    /**
     * @param manager the queue manager
     * @param device its device name
     * @param active its active strategy
     * @param queues attached queues
     */
    public record ManagerRow(QueueManager manager, String device, String active, int queues) {
    }

    /** @return the model now */
    public static SteeringModel capture(Services services) {
        List<StrategyRow> s = new ArrayList<>();
        for (Services.Strategy named : services.strategies()) {
            SteeringStrategy st = named.service();
            boolean kernel;
            try {
                kernel = st.kernelProgram(1) != null;
            } catch (RuntimeException e) {
                kernel = false; // a third-party strategy that cannot say: shown as user-space only
            }
            s.add(new StrategyRow(named.name(), st.description(), st.keepsFlowOrder(), kernel));
        }
        List<ManagerRow> m = new ArrayList<>();
        for (QueueManager qm : services.managers()) {
            m.add(new ManagerRow(qm, qm.device().name(), qm.activeStrategy(), qm.device().attachedQueues()));
        }
        m.sort((a, b) -> a.device().compareTo(b.device()));
        return new SteeringModel(List.copyOf(s), List.copyOf(m));
    }
}
