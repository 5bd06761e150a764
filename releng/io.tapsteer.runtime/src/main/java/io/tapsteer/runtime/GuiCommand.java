package io.tapsteer.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./tapsteer gui [--demo] [--screenshot FILE]}: the desktop application (the RCP product on
 * Equinox, started with its launcher jar), under Xvfb when there is no display.
 */
final class GuiCommand {
    /** Eclipse 4.41 (SWT, JFace, the Equinox launcher) is built for Java 21. */
    static final int MIN_JAVA = 21;

    private GuiCommand() {
    }

    static int run(Layout layout, List<String> args) throws Exception {
        List<String> props = new ArrayList<>();
        Path shot = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--demo" -> props.add("-Dtapsteer.demo=true");
                case "--screenshot" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--screenshot needs a file name, e.g. --screenshot docs/gui.png");
                    }
                    Path given = Path.of(args.get(++i));
                    Path file = given.toAbsolutePath().normalize();
                    if (!Files.isDirectory(file.getParent())) {
                        throw new UsageException("--screenshot " + given + ": folder " + (given.getParent() == null ? "." : given.getParent())
                                + " does not exist");
                    }
                    shot = file;
                    props.add("-Dtapsteer.demo=true");
                    props.add("-Dtapsteer.screenshot=" + shot);
                }
                default -> throw new UsageException("gui: unknown option '" + args.get(i) + "': allowed are --demo and --screenshot FILE");
            }
        }
        String display = System.getenv("DISPLAY");
        boolean headless = display == null || display.isEmpty();
        if (headless && shot == null) {
            throw new UsageException("gui: no X display (DISPLAY is empty): run it on a desktop, or use --screenshot FILE (runs under Xvfb)");
        }
        Launcher.needJava(MIN_JAVA);
        try {
            RuntimeHome.prepare(layout.home());
        } catch (RuntimeHome.UnsafeHomeException e) {
            throw new UsageException(e.getMessage());
        }
        // the desktop reads the lab hosts of the home's conf/ (io.tapsteer.remote-NAME.cfg), nothing else there
        props.add("-Dtapsteer.home=" + layout.home());
        Path product = layout.product();
        Path launcher = equinoxLauncher(product);
        List<String> cmd = new ArrayList<>();
        if (shot != null) {
            // a screenshot run ends by itself once the views are live (or after 40 s of waiting for
            // them); should start-up itself hang, the run still ends
            cmd.addAll(List.of("timeout", "180"));
        }
        if (headless) {
            Host.needPackages(layout, "xvfb-run:xvfb", "xauth:xauth");
            cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24"));
        }
        cmd.addAll(ChildProcess.java());
        cmd.addAll(props);
        cmd.addAll(List.of("-jar", product.relativize(launcher).toString(), "-consoleLog"));
        return ChildProcess.run(cmd, product);
    }

    private static Path equinoxLauncher(Path product) throws Exception {
        try (var s = Files.list(product.resolve("plugins"))) {
            return s.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar")).sorted().findFirst()
                    .orElseThrow(() -> new UsageException("the desktop product in " + product
                            + " has no Equinox launcher: build it with ./mvnw -B -DskipTests package", 1));
        } catch (java.io.IOException e) {
            throw new UsageException("the desktop product is not built (" + product + " is missing): build it with ./mvnw -B -DskipTests package", 1);
        }
    }
}
