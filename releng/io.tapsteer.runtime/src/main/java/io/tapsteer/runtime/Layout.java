package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the launcher finds what the build made: the repository root ({@code tapsteer.root}), the
 * headless runtime's bundles ({@code tapsteer.bundles}) and home ({@code tapsteer.home}), the desktop
 * product and the benchmark jars. The {@code ./tapsteer} script sets the three properties.
 *
 * @param root the repository root
 * @param home the runtime home (conf/, deploy/, run/, cache/)
 * @param bundles the runtime's bundle folder (third-party and tapsteer bundles)
 */
record Layout(Path root, Path home, Path bundles) {

    static Layout fromSystemProperties() {
        Path root = Path.of(System.getProperty("tapsteer.root", ".")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("tapsteer.home", root.resolve("runtime").toString())).toAbsolutePath().normalize();
        Path bundles = Path.of(System.getProperty("tapsteer.bundles",
                root.resolve("releng/io.tapsteer.runtime/target/runtime/bundle").toString())).toAbsolutePath().normalize();
        return new Layout(root, home, bundles);
    }

    /** @return the folder of the materialized desktop product */
    Path product() {
        return root.resolve("releng/io.tapsteer.product.rcp/target/products/io.tapsteer.product.rcp/linux/gtk/x86_64");
    }

    /**
     * @return the runtime's copy of a bundle: {@code bundle/PREFIX-VERSION.jar} for a third-party one,
     *         {@code bundle/NAME/target/NAME-VERSION.jar} for the reactor's own
     */
    Path bundle(String prefix) throws UsageException {
        return jar(bundles, prefix, 3);
    }

    /** @return the jar {@code dir/PREFIX-*.jar} (the first by name), e.g. a module's build output */
    static Path jar(Path dir, String prefix) throws UsageException {
        return jar(dir, prefix, 1);
    }

    private static Path jar(Path dir, String prefix, int depth) throws UsageException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir, depth)) {
                var found = s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix + "-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                            && Character.isDigit(n.charAt(prefix.length() + 1));
                }).sorted().findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UsageException("cannot list " + dir + ": " + e.getMessage(), 1);
            }
        }
        throw new UsageException(prefix + " is missing from " + dir + ": build it with ./mvnw -B -DskipTests package", 1);
    }
}
