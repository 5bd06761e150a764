package io.tapsteer.remote.internal;

import java.util.Collection;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the services imported from lab hosts (property {@value LabHostServices#HOST}) visible only
 * to this bundle, the framework and the remote services engine: a desktop's own stats, shell and
 * views must never bind a remote queue manager as if it were local. They reach a host's services
 * through {@link io.tapsteer.remote.LabHosts#services(String)}.
 */
@Component(service = {FindHook.class, EventListenerHook.class}, immediate = true)
public final class ImportedServicesHook implements FindHook, EventListenerHook {
    private long self;

    @Activate
    void activate(BundleContext ctx) {
        self = ctx.getBundle().getBundleId();
    }

    private boolean sees(Bundle b) {
        if (b == null || b.getBundleId() == 0 || b.getBundleId() == self) {
            return true;
        }
        String n = b.getSymbolicName();
        return n != null && n.startsWith("org.apache.aries.rsa");
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices, Collection<ServiceReference<?>> references) {
        if (!sees(context.getBundle())) {
            references.removeIf(r -> r.getProperty(LabHostServices.HOST) != null);
        }
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        if (event.getServiceReference().getProperty(LabHostServices.HOST) != null) {
            listeners.keySet().removeIf(c -> !sees(c.getBundle()));
        }
    }
}
