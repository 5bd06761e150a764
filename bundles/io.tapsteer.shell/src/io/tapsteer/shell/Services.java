package io.tapsteer.shell;

import io.tapsteer.api.config.ConfigRefusals;
import io.tapsteer.api.queue.QueueManager;
import io.tapsteer.api.steering.SteeringStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Looks services up live, at the moment a command runs: strategies come and go with their bundles
 * (deploy/), queue managers with their configurations.
 */
final class Services {
    private final BundleContext context;

    Services(BundleContext context) {
        this.context = context;
    }

    /** One registered strategy. */
    record Strategy(String name, SteeringStrategy service, String bundle) {
    }

    /** @return every registered strategy, by name */
    List<Strategy> strategies() {
        List<Strategy> out = new ArrayList<>();
        for (ServiceReference<SteeringStrategy> r : refs(SteeringStrategy.class, null)) {
            SteeringStrategy s = context.getService(r);
            if (s != null) {
                try {
                    String name = SteeringStrategy.nameOf(s, r.getProperty(SteeringStrategy.NAME));
                    out.add(new Strategy(name, s, r.getBundle().getSymbolicName()));
                } finally {
                    context.ungetService(r);
                }
            }
        }
        out.sort(Comparator.comparing(Strategy::name));
        return out;
    }

    /** @return the strategy of that name, or null */
    SteeringStrategy strategy(String name) {
        for (Strategy s : strategies()) {
            if (s.name().equals(name)) {
                return s.service();
            }
        }
        return null;
    }

    /**
     * The strategy of that name, waiting a moment for it: a bundle just installed from deploy/
     * registers its strategies shortly after it starts, and a short {@code shell -c} or demo run
     * asks right away.
     *
     * @return the strategy, or null when it did not appear within {@code millis}
     */
    SteeringStrategy awaitStrategy(String name, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        SteeringStrategy s = strategy(name);
        while (s == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = strategy(name);
        }
        return s;
    }

    /** @return every running queue manager */
    List<QueueManager> managers() {
        List<QueueManager> out = new ArrayList<>();
        for (ServiceReference<QueueManager> r : refs(QueueManager.class, null)) {
            QueueManager m = context.getService(r);
            if (m != null) {
                out.add(m);
                context.ungetService(r);
            }
        }
        out.sort(Comparator.comparing(m -> m.device().name()));
        return out;
    }

    /**
     * @param device a device name, or empty for the only one
     * @return its queue manager
     * @throws IllegalArgumentException saying which devices there are
     */
    QueueManager manager(String device) {
        List<QueueManager> all = managers();
        if (all.isEmpty()) {
            List<String> refused = refusals();
            if (!refused.isEmpty()) {
                throw new IllegalArgumentException("no device is being steered: refused " + String.join("; refused ", refused));
            }
            throw new IllegalArgumentException("no device is being steered: start one with lab:start, "
                    + "or put an io.tapsteer.queue-NAME.cfg (device, namespace, queues, strategy) into conf/");
        }
        if (device.isEmpty()) {
            if (all.size() > 1) {
                throw new IllegalArgumentException("several devices are steered: name one with --device (" + names(all) + ")");
            }
            return all.get(0);
        }
        return all.stream().filter(m -> m.device().name().equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("device '" + device + "' is not steered here: steered are " + names(all)));
    }

    /** @return every configuration some bundle refuses now, in that bundle's words */
    List<String> refusals() {
        List<String> out = new ArrayList<>();
        for (ServiceReference<ConfigRefusals> r : refs(ConfigRefusals.class, null)) {
            ConfigRefusals c = context.getService(r);
            if (c != null) {
                try {
                    out.addAll(c.refusals());
                } finally {
                    context.ungetService(r);
                }
            }
        }
        return out;
    }

    private static String names(List<QueueManager> all) {
        return String.join(", ", all.stream().map(m -> m.device().name()).toList());
    }

    private <T> Collection<ServiceReference<T>> refs(Class<T> type, String filter) {
        try {
            return context.getServiceReferences(type, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
