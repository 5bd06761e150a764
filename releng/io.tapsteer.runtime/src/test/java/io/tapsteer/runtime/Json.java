package io.tapsteer.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the flat numbers and strings of the demo's JSON line (no JSON library in the test). */
final class Json {
    private final String text;

    Json(String text) {
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new AssertionError("not a JSON object: " + text);
        }
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }

    long number(String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no number '" + key + "' in " + text);
        }
        return Long.parseLong(m.group(1));
    }

    String string(String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no string '" + key + "' in " + text);
        }
        return m.group(1);
    }

    /** @return the objects of the "queues" array */
    List<Json> queues() {
        Matcher a = Pattern.compile("\"queues\":\\[(.*)]").matcher(text);
        if (!a.find()) {
            throw new AssertionError("no queues array in " + text);
        }
        List<Json> out = new ArrayList<>();
        Matcher o = Pattern.compile("\\{[^{}]*}").matcher(a.group(1));
        while (o.find()) {
            out.add(new Json(o.group()));
        }
        return out;
    }

    /** @return the last line of {@code out} */
    static Json lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return new Json(lines[lines.length - 1].strip());
    }
}
