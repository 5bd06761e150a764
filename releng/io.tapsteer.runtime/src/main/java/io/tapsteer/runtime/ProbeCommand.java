package io.tapsteer.runtime;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * {@code ./tapsteer probe}: what the running kernel offers, reported by the tap binding's own probe
 * ({@code io.tapsteer.tap.TapProbe}, exported for plain class paths; it exits 0 when taps can be
 * made), run in this JVM on the runtime's copies of JNA, the API and the tap bundle.
 */
final class ProbeCommand {
    private ProbeCommand() {
    }

    static int run(Layout layout, List<String> args) throws Exception {
        URL[] urls = {layout.bundle("jna").toUri().toURL(), layout.bundle("io.tapsteer.api").toUri().toURL(),
                layout.bundle("io.tapsteer.tap").toUri().toURL()};
        URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        try {
            loader.loadClass("io.tapsteer.tap.TapProbe").getMethod("main", String[].class)
                    .invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
        return 0;
    }
}
