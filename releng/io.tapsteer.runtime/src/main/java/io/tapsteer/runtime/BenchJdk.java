package io.tapsteer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK that {@code ./tapsteer bench --jdks} runs the harness on: a Java home (or a java command in
 * one), with its release read from the home's {@code release} file, so that the options its JVM
 * gets fit it.
 *
 * @param java its java command
 * @param feature its release, 17 or newer
 */
record BenchJdk(Path java, int feature) {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /**
     * @param where a Java home, or its bin/java
     * @throws UsageException saying what is wrong and what is allowed
     */
    static BenchJdk of(String where) throws UsageException {
        Path p = Path.of(where);
        Path home = Files.isRegularFile(p) && p.getFileName().toString().equals("java") && p.getParent() != null
                ? p.getParent().getParent() : p;
        Path java = home == null ? null : home.resolve("bin/java");
        if (java == null || !Files.isExecutable(java)) {
            throw new UsageException(BenchCommand.JDKS + ": '" + where + "' is not a Java home (it has no bin/java): "
                    + "give homes such as /usr/lib/jvm/java-17-openjdk-amd64, comma-separated");
        }
        String release;
        try {
            release = Files.readString(home.resolve("release"));
        } catch (IOException e) {
            throw new UsageException(BenchCommand.JDKS + ": '" + where + "' has no release file saying its Java version: "
                    + "give a JDK's home");
        }
        Matcher m = VERSION.matcher(release);
        int feature = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (feature < 17) {
            throw new UsageException(BenchCommand.JDKS + ": '" + where + "' is Java " + (feature == 0 ? "of no known version" : feature)
                    + "; the bench needs Java 17 or newer");
        }
        return new BenchJdk(java, feature);
    }
}
