package io.tapsteer.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No production code reaches into another bundle's internal packages: every reference to an
 * {@code io.tapsteer.X.internal} package (an import, a qualified name, a class name given to
 * reflection) in the sources of bundles/, bench/ and the launcher names its own bundle's package.
 * What others need is exported; {@code x-friends} is for test fragments only (tests/ is not read).
 */
class BundleBoundaryTest {
    private static final Path ROOT = ApiBaselineTest.ROOT;
    private static final Pattern INTERNAL = Pattern.compile("io\\.tapsteer\\.([a-z.]+?)\\.internal\\b");

    @Test
    void noModuleUsesAnotherBundlesInternalPackages() throws IOException {
        List<Path> modules = new ArrayList<>();
        for (String group : List.of("bundles", "bench", "releng")) {
            try (Stream<Path> s = Files.list(ROOT.resolve(group))) {
                s.filter(Files::isDirectory).sorted().forEach(modules::add);
            }
        }
        assertTrue(modules.stream().anyMatch(m -> m.endsWith("io.tapsteer.bench.jmh")), "the JMH benchmarks are read: " + modules);
        List<String> found = new ArrayList<>();
        for (Path module : modules) {
            String owner = module.getFileName().toString();
            for (Path src : List.of(module.resolve("src"))) {
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/src/test/")).toList()) {
                        Matcher m = INTERNAL.matcher(Files.readString(f));
                        while (m.find()) {
                            String pkg = "io.tapsteer." + m.group(1) + ".internal";
                            if (!pkg.equals(owner + ".internal")) {
                                found.add(ROOT.relativize(f) + ": " + m.group());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found.stream().distinct().toList(), "references to other bundles' internal packages");
    }
}
