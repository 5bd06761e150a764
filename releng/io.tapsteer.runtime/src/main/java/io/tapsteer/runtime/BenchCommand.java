package io.tapsteer.runtime;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./tapsteer bench [options]} (tapsteer against C on a real tap, bench/io.tapsteer.bench) and
 * {@code ./tapsteer bench jmh [JMH options]} (bench/io.tapsteer.bench.jmh), each in a JVM of its own:
 * the harness names its JVM options itself ({@code io.tapsteer.bench.BenchJvm}), and its options and
 * their errors are its own ({@code io.tapsteer.bench.BenchOptions}).
 */
final class BenchCommand {
    /** What the harness runs on, besides its own jar and JNA: the bundles it measures. */
    private static final List<String> MEASURED = List.of("gson", "io.tapsteer.api", "io.tapsteer.frame", "io.tapsteer.tap", "io.tapsteer.lab",
            "io.tapsteer.rss", "io.tapsteer.queue", "io.tapsteer.ebpf");

    /** The option that runs the harness on several JDKs. */
    static final String JDKS = "--jdks";

    private BenchCommand() {
    }

    static int run(Layout layout, List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("jmh")) {
            // JMH microbenchmarks of the hot code: no tap, no root needed
            List<String> cmd = ChildProcess.java();
            cmd.addAll(List.of("-jar", layout.root().resolve("bench/io.tapsteer.bench.jmh/target/benchmarks.jar").toString()));
            cmd.addAll(args.subList(1, args.size()));
            return ChildProcess.run(cmd, layout.root());
        }
        Host.needPackages(layout, "gcc:gcc", "nsenter:util-linux");
        if (!Host.root()) {
            System.err.println("tapsteer: benchmarks open real taps in a private namespace: they need root (CAP_NET_ADMIN, CAP_SYS_ADMIN)");
        }
        List<Path> classPath = new ArrayList<>(List.of(layout.bundle("jna")));
        for (String b : MEASURED) {
            classPath.add(layout.bundle(b));
        }
        classPath.add(Layout.jar(layout.root().resolve("bench/io.tapsteer.bench/target"), "io.tapsteer.bench"));
        List<String> harness = new ArrayList<>(jvmOptions(classPath));
        harness.addAll(List.of("-cp", String.join(":", classPath.stream().map(Path::toString).toList()), "io.tapsteer.bench.Bench"));
        int at = args.indexOf(JDKS);
        if (at < 0) {
            List<String> cmd = ChildProcess.java();
            cmd.addAll(harness);
            cmd.addAll(args);
            return ChildProcess.run(cmd, layout.root());
        }
        if (at + 1 >= args.size()) {
            throw new UsageException(JDKS + " needs Java homes, comma-separated, e.g. " + JDKS
                    + " /usr/lib/jvm/java-17-openjdk-amd64,/usr/lib/jvm/temurin-25-jdk-amd64");
        }
        List<BenchJdk> jdks = new ArrayList<>();
        for (String home : args.get(at + 1).split(",")) {
            jdks.add(BenchJdk.of(home.strip()));
        }
        List<String> rest = new ArrayList<>(args);
        rest.subList(at, at + 2).clear();
        return runEach(layout, jdks, harness, rest);
    }

    /**
     * Runs the harness once on each JDK, one after the other (each prints its table, whose header
     * names its JDK); with {@code --json}, a last line {@code {"runs": [RUN, ...]}} holds each
     * run's own JSON object.
     *
     * @return 0 when every run succeeded, else the first failing run's status
     */
    private static int runEach(Layout layout, List<BenchJdk> jdks, List<String> harness, List<String> args) throws Exception {
        List<String> objects = new ArrayList<>();
        int status = 0;
        for (BenchJdk j : jdks) {
            List<String> cmd = ChildProcess.java(j.java().toString(), j.feature());
            cmd.addAll(harness);
            cmd.addAll(args);
            String[] last = {""};
            int s = ChildProcess.run(cmd, layout.root(), line -> last[0] = line);
            if (s != 0 && status == 0) {
                status = s;
            }
            objects.add(last[0].startsWith("{") ? last[0] : "null");
        }
        if (args.contains("--json")) {
            System.out.println("{\"runs\": [" + String.join(", ", objects) + "]}");
        }
        return status;
    }

    /** @return the options the harness asks for ({@code BenchJvm.options()}, read from its jar) */
    @SuppressWarnings("unchecked")
    private static List<String> jvmOptions(List<Path> classPath) throws Exception {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classPath.get(i).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Method options = loader.loadClass("io.tapsteer.bench.BenchJvm").getMethod("options");
            return (List<String>) options.invoke(null);
        }
    }
}
