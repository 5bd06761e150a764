package io.tapsteer.queue.internal;

import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.queue.internal.strategy.AutomqStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The strategies a device may use: whatever the whiteboard offers now, plus automq, which is always
 * there so a device has something to fall back to.
 */
final class Strategies {
    static final SteeringStrategy AUTOMQ = new AutomqStrategy();
    private final Map<String, SteeringStrategy> byName = new TreeMap<>();

    synchronized void add(String name, SteeringStrategy s) {
        byName.put(name, s);
    }

    /** @return whether it was registered under that name */
    synchronized boolean remove(String name, SteeringStrategy s) {
        return byName.remove(name, s);
    }

    synchronized SteeringStrategy get(String name) {
        SteeringStrategy s = byName.get(name);
        return s == null && AutomqStrategy.NAME.equals(name) ? AUTOMQ : s;
    }

    synchronized List<String> names() {
        List<String> l = new ArrayList<>(byName.keySet());
        if (!l.contains(AutomqStrategy.NAME)) {
            l.add(0, AutomqStrategy.NAME);
        }
        return l;
    }
}
