package io.tapsteer.remote.internal;

import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.KernelSteering;
import io.tapsteer.api.tap.TapQueue;
import io.tapsteer.remote.HostSteering;
import io.tapsteer.remote.SteeringSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@link HostSteering} over this runtime's kernel steering and queue managers, for {@link LabExport} to export. */
@Component(service = HostSteering.class)
public final class HostSteeringComponent implements HostSteering {
    @Reference
    private KernelSteering steering;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(service.imported=*))")
    private final List<QueueManager> managers = new CopyOnWriteArrayList<>();

    @Override
    public SteeringSnapshot snapshot() {
        return SteeringSnapshot.of(steering);
    }

    @Override
    public Map<String, List<Integer>> kernelQueueIds() {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (QueueManager m : managers) {
            try {
                List<TapQueue> queues = m.device().queues();
                Integer[] ids = new Integer[m.device().attachedQueues()];
                Arrays.fill(ids, -1);
                for (TapQueue q : queues) {
                    if (q.index() >= 0 && q.index() < ids.length) {
                        ids[q.index()] = q.id();
                    }
                }
                List<Integer> all = new ArrayList<>(Arrays.asList(ids));
                queues.stream().filter(q -> q.index() < 0).forEach(q -> all.add(q.id()));
                out.put(m.device().name(), all);
            } catch (RuntimeException e) {
                // closed between the list and the read: not steered any more
            }
        }
        return out;
    }
}
