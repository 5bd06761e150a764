package io.tapsteer.remote.internal;

import io.tapsteer.remote.LabHost;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The lab hosts of a runtime home's {@code conf/io.tapsteer.remote-NAME.cfg}, for the desktop
 * application: the headless runtime's file watcher (FileInstall) makes those files configurations,
 * the desktop has none, so this component does the same for these files only (a desktop sharing a
 * home with a headless service must not open that service's devices). It runs where the framework
 * names a {@code tapsteer.home} and no file watcher reads {@code conf/}; files are read again every
 * {@value #SCAN_MILLIS} ms (added, changed, removed). A file another user owns or may write is
 * refused in one sentence and not read.
 */
@Component(immediate = true)
public final class ConfHostFiles {
    /** How often conf/ is read. */
    static final long SCAN_MILLIS = 2000;
    /** The property naming the file a configuration came from (as FileInstall names it). */
    static final String FILE = "felix.fileinstall.filename";
    private static final Logger LOG = Logger.getLogger(ConfHostFiles.class.getName());
    private static final String PREFIX = LabHost.FACTORY_PID + "-";

    @Reference
    private ConfigurationAdmin cm;
    private Path conf;
    private ScheduledExecutorService scanner;
    private final Map<Path, Long> taken = new HashMap<>();
    private final Map<Path, Configuration> configurations = new HashMap<>();

    @Activate
    void activate(BundleContext context) {
        String home = context.getProperty("tapsteer.home");
        if (home == null || home.isBlank() || context.getProperty("felix.fileinstall.dir") != null) {
            return;
        }
        conf = Path.of(home, "conf");
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapsteer-lab-host-files");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::scan, 0, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    private synchronized void scan() {
        Map<Path, Long> now = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(conf, PREFIX + "*.cfg")) {
            for (Path f : files) {
                now.put(f, Files.getLastModifiedTime(f).toMillis());
            }
        } catch (IOException e) {
            return; // no conf/ (yet): nothing to read
        }
        for (Path f : Set.copyOf(taken.keySet())) {
            if (!now.containsKey(f)) {
                remove(f);
            }
        }
        now.forEach((f, modified) -> {
            if (!modified.equals(taken.get(f))) {
                taken.put(f, modified);
                take(f);
            }
        });
    }

    private void take(Path f) {
        String where = "conf/" + f.getFileName();
        String unsafe = unsafe(f);
        if (unsafe != null) {
            LOG.severe("tapsteer: " + where + " is not read: " + unsafe + "; the desktop reads nothing others can change");
            drop(f); // said once: read again only when the file changes
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.severe("tapsteer: " + where + " cannot be read (" + e.getMessage() + "): a .cfg file holds key = value lines");
            return;
        }
        String file = f.getFileName().toString();
        String name = file.substring(PREFIX.length(), file.length() - ".cfg".length());
        Hashtable<String, Object> props = new Hashtable<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).strip()));
        props.put(FILE, f.toUri().toString());
        try {
            Configuration c = configurations.get(f);
            if (c == null) {
                c = cm.getFactoryConfiguration(LabHost.FACTORY_PID, name, "?");
                configurations.put(f, c);
            }
            c.update(props);
            LOG.info("tapsteer: lab host " + name + " from " + where);
        } catch (IOException | RuntimeException e) {
            LOG.severe("tapsteer: " + where + " could not become a lab host: " + e.getMessage());
        }
    }

    private void remove(Path f) {
        taken.remove(f);
        drop(f);
    }

    /** Deletes the lab host made from the file, if any. */
    private void drop(Path f) {
        Configuration c = configurations.remove(f);
        if (c != null) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // already gone
            }
        }
    }

    /** @return why the file or conf/ is not safe to read, or null */
    private String unsafe(Path f) {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            for (Path p : new Path[] {conf, f}) {
                int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (owner != uid) {
                    return p + " belongs to uid " + owner + ", not to uid " + uid + " that runs the desktop";
                }
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    return p + " is writable by " + (perms.contains(PosixFilePermission.OTHERS_WRITE) ? "every user" : "its group")
                            + " (chmod go-w " + p + ")";
                }
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return "its owner and mode cannot be read (" + e.getMessage() + ")";
        }
    }
}
