package io.tapsteer.ui.internal;

import io.tapsteer.api.inventory.TapInventory;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapDevice;
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
     * A device the view can steer: one a queue manager runs, or a tap another process holds (a
     * foreign handle of the tap inventory), which only takes a kernel steering program.
     *
     * @param manager the queue manager, null for a tap another process holds
     * @param device its device name, with its namespace for a tap another process holds
     * @param active its active strategy, or the program attached to a tap another process holds
     * @param queues attached queues
     * @param foreign the handle of a tap another process holds, null for a queue manager's device
     * @param host the lab host whose queue manager this is (its remote proxy), null for this runtime's
     */
    public record ManagerRow(QueueManager manager, String device, String active, int queues, TapDevice foreign, String host) {
        /** A queue manager's device. */
        public ManagerRow(QueueManager manager, String device, String active, int queues) {
            this(manager, device, active, queues, null, null);
        }

        /** @return whether this is a lab host's device */
        public boolean remote() {
            return host != null;
        }
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
        // taps other processes hold, as the tap inventory gave out handles on them (Tap topology does)
        TapInventory inventory = services.inventory();
        KernelSteering kernel = services.kernelSteering();
        List<ManagerRow> foreign = new ArrayList<>();
        for (TapDevice h : inventory == null ? List.<TapDevice>of() : inventory.foreignDevices()) {
            try {
                if (h.isClosed()) {
                    continue;
                }
                String program = kernel == null ? "automq" : kernel.status(h).map(st -> st.program().toString()).orElse("automq");
                foreign.add(new ManagerRow(null, Messages.bind(Messages.Steering_foreignDevice, h.name(), h.namespace().label()), program,
                        h.attachedQueues(), h, null));
            } catch (RuntimeException e) {
                // gone between the list and the read: the next poll no longer has it
            }
        }
        foreign.sort((a, b) -> a.device().compareTo(b.device()));
        m.addAll(foreign);
        m.addAll(RemoteHosts.managerRows()); // as the lab hosts last answered: no network call here
        return new SteeringModel(List.copyOf(s), List.copyOf(m));
    }
}
