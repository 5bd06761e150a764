package io.tapsteer.shell;

import io.tapsteer.remote.HostServices;
import io.tapsteer.remote.LabHosts;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@code --host NAME}: a command runs on a lab host's services (imported through its SSH tunnel)
 * instead of this runtime's own. An unknown host and a host that is not connected are refused with
 * the host's state in words.
 */
final class LabHostChoice {
    private LabHostChoice() {
    }

    /**
     * @param context the shell bundle's context
     * @param host a configured lab host's name
     * @return its services
     * @throws IllegalArgumentException when the host is unknown or not connected
     */
    static HostServices services(BundleContext context, String host) {
        ServiceReference<LabHosts> r = context.getServiceReference(LabHosts.class);
        LabHosts hosts = r == null ? null : context.getService(r);
        if (hosts == null) {
            throw new IllegalArgumentException("--host " + host + ": this runtime reaches no lab hosts (the io.tapsteer.remote bundle is not running)");
        }
        try {
            return hosts.services(host);
        } finally {
            context.ungetService(r);
        }
    }

    /**
     * @param what what the command needs of the host ("stats service")
     * @param service the imported service, or null when the host does not export it
     * @return the service
     */
    static <T> T need(String host, String what, T service) {
        if (service == null) {
            throw new IllegalArgumentException("host " + host + " exports no " + what + ": its runtime does not run one");
        }
        return service;
    }
}
