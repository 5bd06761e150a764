package io.tapsteer.stats.internal;

import io.tapsteer.api.stats.DeviceStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/**
 * A read-only MBean whose attributes are taken from one {@link DeviceStats} snapshot. Reading several
 * attributes at once (as jconsole and VisualVM do) takes one snapshot for all of them, so bytes and
 * packets read together belong together. Attribute types are plain long, double, int and String so
 * every JMX console can chart them.
 */
final class StatsMBean implements DynamicMBean {
    /** One attribute: name, type, description and how to read it from a snapshot. */
    record Attr(String name, Class<?> type, String description, Function<DeviceStats, Object> value) {
    }

    private final String description;
    private final Supplier<DeviceStats> snapshot;
    private final List<Attr> attributes;
    private final MBeanInfo info;

    StatsMBean(String description, Supplier<DeviceStats> snapshot, List<Attr> attributes) {
        this.description = description;
        this.snapshot = snapshot;
        this.attributes = List.copyOf(attributes);
        MBeanAttributeInfo[] infos = new MBeanAttributeInfo[this.attributes.size()];
        for (int i = 0; i < infos.length; i++) {
            Attr a = this.attributes.get(i);
            infos[i] = new MBeanAttributeInfo(a.name(), a.type().getName(), a.description(), true, false, false);
        }
        info = new MBeanInfo(StatsMBean.class.getName(), description, infos, null, new MBeanOperationInfo[0], null);
    }

    private Attr attr(String name) throws AttributeNotFoundException {
        for (Attr a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new AttributeNotFoundException("no attribute '" + name + "' on " + description);
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException {
        Attr a = attr(name);
        return a.value().apply(read());
    }

    private DeviceStats read() throws MBeanException {
        try {
            return snapshot.get();
        } catch (RuntimeException e) { // the device went away between lookup and read
            throw new MBeanException(e, description + ": " + e.getMessage());
        }
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList out = new AttributeList();
        DeviceStats s;
        try {
            s = snapshot.get();
        } catch (RuntimeException e) {
            return out; // per the JMX contract, attributes that cannot be read are omitted
        }
        for (String name : names) {
            for (Attr a : attributes) {
                if (a.name().equals(name)) {
                    out.add(new Attribute(name, a.value().apply(s)));
                }
            }
        }
        return out;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("attribute '" + attribute.getName() + "' of " + description
                + " is read-only: statistics are counted, not set");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList(); // read-only: nothing set
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(action),
                description + " has no operations: every statistic is an attribute");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    /** Collects attribute definitions. */
    static final class Builder {
        private final List<Attr> list = new ArrayList<>();

        Builder add(String name, Class<?> type, String description, Function<DeviceStats, Object> value) {
            list.add(new Attr(name, type, description, value));
            return this;
        }

        List<Attr> build() {
            return list;
        }
    }
}
