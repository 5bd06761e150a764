package io.tapsteer.shell;

import io.tapsteer.api.config.ConfigRefusals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.xml.sax.SAXParseException;

/**
 * The {@code conf/*.cfg} files that never become a configuration: the runtime's file watcher
 * (FileInstall) reads a {@code .cfg} whose first byte is {@code <} as a Java XML properties file, so
 * a file that begins with {@code <} and is not one is dropped before any tapsteer bundle sees it.
 * This component reads {@code conf/} as the watcher does, says each such file once on the console
 * and lists it in {@code steer:show} until it is fixed or removed.
 */
@Component(service = ConfigRefusals.class, immediate = true)
public final class ConfFileRefusals implements ConfigRefusals {
    private static final Logger LOG = Logger.getLogger(ConfFileRefusals.class.getName());
    /** How often conf/ is read for the console (the watcher itself polls every second). */
    private static final long SCAN_MILLIS = 2000;

    private record Seen(long modified, String refusal) {
    }

    private final Map<Path, Seen> seen = new HashMap<>();
    private Path conf;
    private ScheduledExecutorService scanner;

    @Activate
    void activate(BundleContext context) {
        String dir = context.getProperty("felix.fileinstall.dir");
        if (dir == null || dir.isBlank()) {
            return; // no file watcher reads a conf/ here (the desktop application)
        }
        conf = Path.of(dir);
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tapsteer-conf-files");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::refusals, 0, SCAN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    @Override
    public synchronized List<String> refusals() {
        if (conf == null) {
            return List.of();
        }
        Map<Path, Seen> now = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(conf, "*.cfg")) {
            for (Path f : files) {
                long modified = Files.getLastModifiedTime(f).toMillis();
                Seen before = seen.get(f);
                Seen s = before != null && before.modified() == modified ? before : new Seen(modified, refusal(f));
                if (s.refusal() != null && s != before) {
                    LOG.severe("tapsteer: " + s.refusal());
                }
                now.put(f, s);
            }
        } catch (IOException e) {
            return List.of(); // conf/ went away with the runtime's home
        }
        seen.clear();
        seen.putAll(now);
        List<String> out = new ArrayList<>();
        now.keySet().stream().sorted().forEach(f -> {
            String r = now.get(f).refusal();
            if (r != null) {
                out.add(r);
            }
        });
        return out;
    }

    /** @return why the watcher drops the file, or null when it reads it */
    static String refusal(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() != '<') {
                return null;
            }
        } catch (IOException e) {
            return null; // gone or unreadable: the watcher says nothing of it either
        }
        try (InputStream in = Files.newInputStream(file)) {
            new Properties().loadFromXML(in);
            return null;
        } catch (IOException e) {
            String line = e.getCause() instanceof SAXParseException p && p.getLineNumber() > 0 ? " (line " + p.getLineNumber() + ")" : "";
            return "conf/" + file.getFileName() + ": begins with '<', so it is read as an XML properties file, and it is not one" + line
                    + ": nothing is taken from it; a .cfg file holds key = value lines";
        }
    }
}
