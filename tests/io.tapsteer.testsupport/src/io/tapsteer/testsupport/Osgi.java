package io.tapsteer.testsupport;

import java.io.File;
import java.net.URI;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * OSGi helpers for tests that run in a real framework (Equinox under tycho-surefire). Every wait is
 * bounded: a missing service costs its time limit and a null, never a hung build.
 */
public final class Osgi {
    private Osgi() {
    }

    /**
     * @param type a class of the bundle (or of a fragment, which shares its host's context)
     * @return that bundle's context
     */
    public static BundleContext context(Class<?> type) {
        return FrameworkUtil.getBundle(type).getBundleContext();
    }

    /**
     * Waits for a service and takes a reference of its own on it: a tracker's reference goes when the
     * tracker closes, and a service factory (ConfigAdmin) may then drop the object it handed out.
     *
     * @param ctx the context that gets the service
     * @param type the service type
     * @param filter an LDAP filter on its properties, or null
     * @param millis how long to wait at most
     * @return the service, or null when none is registered in time
     * @throws IllegalArgumentException when the filter is not valid LDAP
     */
    public static <T> T await(BundleContext ctx, Class<T> type, String filter, long millis) throws InterruptedException {
        ServiceTracker<T, T> t;
        try {
            t = filter == null ? new ServiceTracker<>(ctx, type, null)
                    : new ServiceTracker<>(ctx, ctx.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("filter '" + filter + "': " + e.getMessage(), e);
        }
        t.open();
        try {
            if (t.waitForService(millis) == null) {
                return null;
            }
            ServiceReference<T> ref = t.getServiceReference();
            return ref == null ? null : ctx.getService(ref); // null: it went away between the two calls
        } finally {
            t.close();
        }
    }

    /**
     * @param ctx any bundle context of the framework
     * @param symbolicName the bundle's symbolic name
     * @return the installed bundle of that name, or null
     */
    public static Bundle bundle(BundleContext ctx, String symbolicName) {
        for (Bundle b : ctx.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /**
     * An initial bundle's location ({@code initial@reference:file:../x.jar}, relative to the install
     * area) as {@code installBundle} takes it after the bundle was uninstalled.
     *
     * @param location {@code Bundle.getLocation()}
     * @param ctx a context of the framework (for {@code osgi.install.area})
     * @return an absolute location
     */
    public static String installable(String location, BundleContext ctx) {
        String loc = location.startsWith("initial@") ? location.substring("initial@".length()) : location;
        String prefix = "reference:file:";
        if (loc.startsWith(prefix) && !loc.startsWith(prefix + "/")) {
            String area = ctx.getProperty("osgi.install.area");
            File base = new File(URI.create(area.endsWith("/") ? area : area + "/"));
            try {
                return "reference:" + new File(base, loc.substring(prefix.length())).getCanonicalFile().toURI();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return loc;
    }
}
