package io.tapsteer.baseline;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Resource;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API a bundle jar exports: its Export-Package entries without the internal ones (those with
 * {@code x-internal} or {@code x-friends}, which only test fragments see).
 */
final class ExportedApi {
    private ExportedApi() {
    }

    /** @return package name to its Export-Package attributes, internal packages left out */
    static Map<String, Attrs> of(Jar jar) throws Exception {
        Map<String, Attrs> api = new TreeMap<>();
        String header = jar.getManifest().getMainAttributes().getValue("Export-Package");
        for (Map.Entry<String, Attrs> e : new Parameters(header).entrySet()) {
            Attrs a = e.getValue();
            if (a.containsKey("x-internal:") || a.containsKey("x-friends:")) {
                continue;
            }
            api.put(e.getKey(), a);
        }
        return api;
    }

    /** @return a bnd package filter that keeps the exported API and leaves the rest out */
    static String filter(Jar jar) throws Exception {
        Map<String, Attrs> api = of(jar);
        return api.isEmpty() ? "!*" : String.join(",", api.keySet());
    }

    /** Writes the manifest and the exported API's classes of {@code jar} into {@code to}: a baseline. */
    static void strip(Jar jar, File to) throws Exception {
        try (Jar baseline = new Jar(jar.getBsn())) {
            baseline.setManifest(jar.getManifest());
            for (String pkg : of(jar).keySet()) {
                Map<String, Resource> dir = jar.getDirectory(pkg.replace('.', '/'));
                if (dir != null) {
                    dir.forEach(baseline::putResource);
                }
            }
            baseline.write(to);
        }
    }
}
