package io.tapsteer.shell;

import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Formats what the commands return, in one place: Gogo asks every {@link Converter} service to
 * format a result before falling back to {@code toString()}.
 */
@Component(reference = @Reference(name = "gogo", service = CommandProcessor.class),
        service = Converter.class)
public final class TextFormat implements Converter {
    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof RssHash h) {
            return h.toString();
        }
        CharSequence steer = SteerFormat.format(target);
        if (steer != null) {
            return steer;
        }
        if (target instanceof TapView v) {
            return level == Converter.LINE ? line(v) : detail(v);
        }
        if (target instanceof TapView.Table t) {
            if (t.rows().isEmpty()) {
                return "no taps open in this runtime (tap:create makes one)";
            }
            return format(t.rows(), level, escape);
        }
        if (target instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof TapView) {
            StringBuilder b = new StringBuilder(String.format("%-15s %-12s %9s %11s %-7s %-4s%n",
                    "DEVICE", "NETNS", "NUMQUEUES", "NUMDISABLED", "PERSIST", "LINK"));
            for (Object o : list) {
                b.append(line((TapView) o)).append('\n');
            }
            return b.substring(0, b.length() - 1);
        }
        return null;
    }

    private static String line(TapView v) {
        return String.format("%-15s %-12s %9d %11d %-7s %-4s", v.name(), v.namespace(), v.numqueues(),
                v.numdisabled(), v.persist() ? "yes" : "no", link(v));
    }

    private static String link(TapView v) {
        return v.gone() ? "gone" : v.up() ? "up" : "down";
    }

    private static String detail(TapView v) {
        StringBuilder b = new StringBuilder();
        b.append(v.name()).append(": numqueues ").append(v.numqueues()).append(" numdisabled ").append(v.numdisabled())
                .append(" persist ").append(v.persist() ? "on" : "off").append(" link ").append(link(v))
                .append(" mtu ").append(v.mtu()).append(" vnet_hdr ").append(v.vnetHeader()).append('\n');
        b.append("  netns ").append(v.namespace());
        if (!v.namespacePath().isEmpty()) {
            b.append(" (").append(v.namespacePath()).append(')');
        }
        b.append('\n');
        b.append(String.format("  %-5s %-5s %-5s %s%n", "ID", "INDEX", "FD", "STATE"));
        for (TapView.Queue q : v.queues()) {
            b.append(String.format("  %-5d %-5s %-5s %s%n", q.id(), q.index() < 0 ? "-" : Integer.toString(q.index()),
                    q.fd() < 0 ? "-" : Integer.toString(q.fd()), q.state()));
        }
        return b.substring(0, b.length() - 1);
    }
}
