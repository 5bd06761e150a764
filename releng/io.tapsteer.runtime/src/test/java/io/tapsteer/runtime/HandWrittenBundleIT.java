package io.tapsteer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written strategy bundle of docs/extending.md, built from the three files exactly as the
 * page shows them, dropped into deploy/ and used by the demo lab: the page stays true.
 */
class HandWrittenBundleIT {
    /** A file block of the page: {@code <!-- file: PATH -->} followed by a fenced block. */
    private static final Pattern FILE = Pattern.compile("<!-- file: (\\S+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    private Tapsteer tapsteer;

    @AfterEach
    void deleteHome() throws Exception {
        if (tapsteer != null) {
            tapsteer.deleteHome();
        }
    }

    @Test
    void theDocumentedBundleIsPickedUpAndSteersTheDemoLab() throws Exception {
        assumeTrue(Tapsteer.netAdmin(), "the demo makes a namespace and a tap: run the build as root (CAP_NET_ADMIN)");
        Map<String, String> files = documentedFiles();
        assertEquals(List.of("src/org/example/srcmac/SourceMacStrategy.java", "META-INF/MANIFEST.MF", "OSGI-INF/source-mac.xml"),
                List.copyOf(files.keySet()), "the files docs/extending.md shows");

        tapsteer = new Tapsteer(Files.createTempDirectory("tapsteer-handwritten-it-"));
        Path work = tapsteer.home().resolve("work");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = work.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-cp", apiJar().toString(), "-d", classes.toString(),
                work.resolve("src/org/example/srcmac/SourceMacStrategy.java").toString());
        assertEquals(0, rc, "the page's strategy compiles against io.tapsteer.api alone");

        Path jar = tapsteer.home().resolve("deploy/org.example.srcmac-1.0.0.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest;
        try (var in = Files.newInputStream(work.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest)) {
            put(out, "OSGI-INF/source-mac.xml", Files.readAllBytes(work.resolve("OSGI-INF/source-mac.xml")));
            put(out, "org/example/srcmac/SourceMacStrategy.class",
                    Files.readAllBytes(classes.resolve("org/example/srcmac/SourceMacStrategy.class")));
        }

        Tapsteer.Result r = tapsteer.run(180, "demo", "--queues", "2", "--flows", "64", "--seconds", "2", "--rate", "2000",
                "--strategy", "source-mac", "--json");
        assertEquals(0, r.exit(), r.toString());
        Json j = Json.lastLine(r.out());
        assertEquals("source-mac", j.string("strategy"), r.toString());
        assertTrue(j.number("sent") > 0, r.toString());
        assertEquals(j.number("sent"), j.number("received") + j.number("dropped"), "sent = received + counted drops: " + r);
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws Exception {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static Map<String, String> documentedFiles() throws Exception {
        String page = Files.readString(Tapsteer.ROOT.resolve("docs/extending.md"), StandardCharsets.UTF_8);
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE.matcher(page);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    private static Path apiJar() throws Exception {
        Path target = Tapsteer.ROOT.resolve("bundles/io.tapsteer.api/target");
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = s.filter(p -> p.getFileName().toString().matches("io\\.tapsteer\\.api-[0-9].*\\.jar")).toList();
            assertEquals(1, jars.size(), "build bundles/io.tapsteer.api first (it is in the reactor before this module): " + jars);
            return jars.get(0);
        }
    }
}
