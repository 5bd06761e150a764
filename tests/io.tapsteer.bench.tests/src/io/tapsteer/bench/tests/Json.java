package io.tapsteer.bench.tests;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** Reads the bench JSON line with the library that writes it. */
final class Json {
    private Json() {
    }

    /** @return the pair objects of the line, in order */
    static List<JsonObject> pairs(String line) {
        JsonElement e = JsonParser.parseString(line);
        if (!e.isJsonObject() || !e.getAsJsonObject().has("pairs")) {
            throw new AssertionError("not the bench JSON object: " + line);
        }
        List<JsonObject> out = new ArrayList<>();
        e.getAsJsonObject().getAsJsonArray("pairs").forEach(p -> out.add(p.getAsJsonObject()));
        return out;
    }

    /** @return whether {@code key} of {@code o} holds a JSON number */
    static boolean isNumber(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
    }

    /** @return whether {@code key} of {@code o} holds a JSON string */
    static boolean isString(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
    }
}
