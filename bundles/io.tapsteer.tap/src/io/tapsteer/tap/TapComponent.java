package io.tapsteer.tap;

import io.tapsteer.api.tap.TapFeatures;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.tap.internal.NativeTapService;
import io.tapsteer.tap.internal.Probe;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Probes the kernel once and registers the {@link TapFeatures} (always) and the {@link TapService}
 * (only when /dev/net/tun is usable). When it is not, the reason is logged and stays readable in
 * the TapFeatures service (service property {@code tapsteer.tap.unavailable}).
 */
@Component(immediate = true)
public final class TapComponent {
    /** Service property on TapFeatures: why taps cannot be made, absent when they can. */
    public static final String UNAVAILABLE = "tapsteer.tap.unavailable";
    private static final Logger LOG = Logger.getLogger(TapComponent.class.getName());
    private ServiceRegistration<TapFeatures> featuresRegistration;
    private ServiceRegistration<TapService> serviceRegistration;
    private NativeTapService service;

    /** Probes and registers. */
    @Activate
    void activate(BundleContext context) {
        TapFeatures f = Probe.run();
        Dictionary<String, Object> props = new Hashtable<>();
        if (!f.tunAvailable()) {
            props.put(UNAVAILABLE, f.tunDetail());
            LOG.warning("tapsteer: tap service not registered: " + f.tunDetail());
        }
        featuresRegistration = context.registerService(TapFeatures.class, f, props);
        if (f.tunAvailable()) {
            service = new NativeTapService(f);
            serviceRegistration = context.registerService(TapService.class, service, null);
        }
    }

    /** Unregisters and closes every device opened through the service. */
    @Deactivate
    void deactivate() {
        if (serviceRegistration != null) {
            serviceRegistration.unregister();
            service.closeAll();
        }
        featuresRegistration.unregister();
    }
}
