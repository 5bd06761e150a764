package io.tapsteer.bench.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the flat pair objects of the bench JSON line: enough to check its keys and values. */
final class Json {
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)\\}");
    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\": (\"(?:[^\"\\\\]|\\\\.)*\"|[^,}]+)");

    private Json() {
    }

    /** @return each pair object as key -> raw value text (strings keep their quotes) */
    static List<Map<String, String>> pairs(String line) {
        if (!line.startsWith("{\"pairs\": [") || !line.endsWith("]}")) {
            throw new AssertionError("not the bench JSON object: " + line);
        }
        String body = line.substring("{\"pairs\": [".length(), line.length() - 2);
        List<Map<String, String>> out = new ArrayList<>();
        Matcher o = OBJECT.matcher(body);
        while (o.find()) {
            Map<String, String> m = new LinkedHashMap<>();
            Matcher kv = MEMBER.matcher(o.group(1));
            while (kv.find()) {
                m.put(kv.group(1), kv.group(2).trim());
            }
            out.add(m);
        }
        return out;
    }

    /** @return whether a raw value is a JSON number */
    static boolean isNumber(String raw) {
        return raw != null && raw.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }
}
