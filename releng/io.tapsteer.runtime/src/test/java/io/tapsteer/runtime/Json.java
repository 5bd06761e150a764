package io.tapsteer.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** One JSON object a command printed, read with the library that wrote it; a missing key fails the test. */
final class Json {
    private final JsonObject object;

    private Json(JsonObject object) {
        this.object = object;
    }

    /** @return the object {@code text} holds */
    static Json parse(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new AssertionError("not a JSON object: " + text);
            }
            return new Json(e.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new AssertionError("not JSON (" + e.getMessage() + "): " + text, e);
        }
    }

    /** @return the object on the last line of {@code out} */
    static Json lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return parse(lines[lines.length - 1].strip());
    }

    @Override
    public String toString() {
        return object.toString();
    }

    private JsonElement get(String key) {
        JsonElement v = object.get(key);
        if (v == null) {
            throw new AssertionError("no '" + key + "' in " + object);
        }
        return v;
    }

    long number(String key) {
        JsonElement v = get(key);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new AssertionError("'" + key + "' is not a number in " + object);
        }
        return v.getAsLong();
    }

    String string(String key) {
        JsonElement v = get(key);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new AssertionError("'" + key + "' is not a string in " + object);
        }
        return v.getAsString();
    }

    boolean flag(String key) {
        JsonElement v = get(key);
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            throw new AssertionError("'" + key + "' is not true or false in " + object);
        }
        return v.getAsBoolean();
    }

    boolean has(String key) {
        return object.has(key);
    }

    /** @return the object {@code key} */
    Json json(String key) {
        JsonElement v = get(key);
        if (!v.isJsonObject()) {
            throw new AssertionError("'" + key + "' is not an object in " + object);
        }
        return new Json(v.getAsJsonObject());
    }

    /** @return the objects of the array {@code key} */
    List<Json> array(String key) {
        JsonElement v = get(key);
        if (!v.isJsonArray()) {
            throw new AssertionError("'" + key + "' is not an array in " + object);
        }
        List<Json> out = new ArrayList<>();
        v.getAsJsonArray().forEach(e -> out.add(new Json(e.getAsJsonObject())));
        return out;
    }

    /** @return the objects of the "queues" array */
    List<Json> queues() {
        return array("queues");
    }
}
