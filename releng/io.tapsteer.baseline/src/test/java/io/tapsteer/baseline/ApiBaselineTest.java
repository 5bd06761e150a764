package io.tapsteer.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.version.Version;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails when an exported package of a core bundle changed incompatibly with its committed baseline
 * without the version bump semantic versioning asks for (bnd's rules: {@code @ProviderType} and
 * {@code @ConsumerType} decide whether an added method is minor or major), and when an exported
 * package carries no version. The message names the package, the change and the version it needs.
 */
class ApiBaselineTest {
    /** The bundles whose exported packages others build on (folder under the repository root). */
    static final List<String> BUNDLES = List.of("bundles/io.tapsteer.api", "bundles/io.tapsteer.tap",
            "bundles/io.tapsteer.frame", "bundles/io.tapsteer.rss", "bundles/io.tapsteer.ebpf",
            "bundles/io.tapsteer.queue", "bundles/io.tapsteer.stats", "bundles/io.tapsteer.lab");
    static final Path ROOT = Path.of(System.getProperty("tapsteer.root", "../..")).toAbsolutePath().normalize();
    static final Path BASELINE = Path.of(System.getProperty("tapsteer.baseline", "baseline")).toAbsolutePath();
    static final boolean REFRESH = Boolean.getBoolean("tapsteer.baseline.refresh");

    static Stream<String> bundles() {
        return BUNDLES.stream();
    }

    /** @return the bundle jar the build just made */
    static File built(String bundle) throws Exception {
        String name = Path.of(bundle).getFileName().toString();
        Path target = ROOT.resolve(bundle).resolve("target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-[0-9].*(?<!-sources)\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no jar of " + name + " in " + target
                            + ": build the bundles first (./mvnw -o package -DskipTests)")).toFile();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AssertionError(target + " is missing: build the bundles first (./mvnw -o package -DskipTests)");
        }
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyExportedPackageHasAVersion(String bundle) throws Exception {
        try (Jar jar = new Jar(built(bundle))) {
            for (Map.Entry<String, Attrs> e : ExportedApi.of(jar).entrySet()) {
                String v = e.getValue().get("version");
                assertTrue(v != null && !new Version(v).equals(Version.emptyVersion), bundle + " exports " + e.getKey()
                        + " without a version: give it version=\"x.y.z\" in Export-Package, as its package-info @Version says");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void exportedPackagesKeepTheirContractOrBumpTheirVersion(String bundle) throws Exception {
        File baseFile = BASELINE.resolve(Path.of(bundle).getFileName() + ".jar").toFile();
        try (Jar newer = new Jar(built(bundle))) {
            if (REFRESH) {
                Files.createDirectories(BASELINE);
                ExportedApi.strip(newer, baseFile);
                return;
            }
            assertTrue(baseFile.isFile(), "no baseline for " + bundle + " (" + baseFile
                    + "): take one with -Dtapsteer.baseline.refresh=true");
            try (Jar older = new Jar(baseFile); Processor reporter = new Processor()) {
                Baseline baseline = new Baseline(reporter, new DiffPluginImpl());
                List<String> problems = new ArrayList<>();
                for (Info i : baseline.baseline(newer, older, new Instructions(ExportedApi.filter(newer)))) {
                    if (i.packageDiff.getDelta() == Delta.REMOVED) {
                        problems.add("package " + i.packageName + " is no longer exported: bundles that import it break;"
                                + " export it again, or take a new baseline when a release drops it");
                    } else if (i.mismatch || needsBump(i.newerVersion, i.suggestedVersion)) {
                        problems.add("package " + i.packageName + " changed (" + i.packageDiff.getDelta() + ") since the baseline "
                                + i.olderVersion + " but is still " + i.newerVersion + ": it needs version " + i.suggestedVersion
                                + " in Export-Package and package-info, and importers' ranges to match" + details(i));
                    }
                }
                if (!problems.isEmpty()) {
                    fail(bundle + ": " + String.join("\n", problems));
                }
            }
        }
    }

    /**
     * bnd's own mismatch flag stays off for some changes of a 0.x package, so the versions are
     * compared here: a major or minor change needs at least the suggested major.minor; a micro
     * change (no API difference a user can see) needs no bump of its own.
     */
    static boolean needsBump(Version current, Version suggested) {
        return current.getMajor() < suggested.getMajor()
                || (current.getMajor() == suggested.getMajor() && current.getMinor() < suggested.getMinor());
    }

    /** @return the first changed members, for the message */
    private static String details(Info i) {
        StringBuilder b = new StringBuilder();
        i.packageDiff.getChildren().forEach(type -> type.getChildren().forEach(m -> {
            if (b.length() < 600 && m.getDelta() != Delta.UNCHANGED) {
                b.append("\n    ").append(m.getDelta()).append(' ').append(type.getName()).append(' ').append(m.getName());
            }
        }));
        return b.toString();
    }
}
