package io.tapsteer.remote.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.remoteserviceadmin.EndpointDescription;
import org.osgi.service.remoteserviceadmin.RemoteConstants;

/**
 * The endpoints a lab host's runtime exports, as a small JSON file the desktop reads through the
 * host's SSH session: their ids, interfaces, package versions and tapsteer's own properties (the
 * device of a queue manager). The desktop points each one at its tunnel's local port.
 */
final class Endpoints {
    private Endpoints() {
    }

    /** Writes the endpoints' properties that cross (atomically: a reader never sees half a file). */
    static void write(Path file, Collection<EndpointDescription> endpoints) throws IOException {
        JsonArray all = new JsonArray();
        for (EndpointDescription e : endpoints) {
            JsonObject o = new JsonObject();
            for (Map.Entry<String, Object> p : e.getProperties().entrySet()) {
                String k = p.getKey();
                if (crosses(k)) {
                    o.add(k, json(p.getValue()));
                }
            }
            all.add(o);
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, all.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean crosses(String key) {
        return key.equals(org.osgi.framework.Constants.OBJECTCLASS) || key.equals(RemoteConstants.ENDPOINT_ID)
                || key.equals(RemoteConstants.ENDPOINT_SERVICE_ID) || key.equals(RemoteConstants.ENDPOINT_FRAMEWORK_UUID)
                || key.equals(RemoteConstants.SERVICE_IMPORTED_CONFIGS) || key.startsWith(RemoteConstants.ENDPOINT_PACKAGE_VERSION_)
                || key.startsWith("tapsteer.");
    }

    private static JsonElement json(Object v) {
        if (v instanceof String[] a) {
            JsonArray arr = new JsonArray();
            for (String s : a) {
                arr.add(s);
            }
            return arr;
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    /**
     * Reads what {@link #write} wrote, pointing every endpoint at {@code address}.
     *
     * @param text the file's content
     * @param address {@code tcp://127.0.0.1:LOCALPORT}, the tunnel's end
     * @param host the host's name, added as {@code tapsteer.host}
     * @throws IllegalArgumentException saying what is wrong with the file
     */
    static List<EndpointDescription> read(String text, String address, String host) {
        List<EndpointDescription> out = new ArrayList<>();
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the host's endpoint list is not JSON: " + e.getMessage());
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException("the host's endpoint list is not a JSON array");
        }
        for (JsonElement el : root.getAsJsonArray()) {
            Map<String, Object> p = new HashMap<>();
            for (Map.Entry<String, JsonElement> f : el.getAsJsonObject().entrySet()) {
                JsonElement v = f.getValue();
                if (v.isJsonArray()) {
                    List<String> l = new ArrayList<>();
                    v.getAsJsonArray().forEach(x -> l.add(x.getAsString()));
                    p.put(f.getKey(), l.toArray(String[]::new));
                } else if (f.getKey().equals(RemoteConstants.ENDPOINT_SERVICE_ID)) {
                    p.put(f.getKey(), v.getAsLong());
                } else {
                    p.put(f.getKey(), v.getAsString());
                }
            }
            p.put(RemoteEngine.ADDRESS, address);
            p.put(LabHostServices.HOST, host);
            // a remote service never outranks a local one for code that looks a type up
            p.put(org.osgi.framework.Constants.SERVICE_RANKING, Integer.MIN_VALUE);
            try {
                out.add(new EndpointDescription(p));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the host's endpoint list holds an endpoint that is not one: " + e.getMessage());
            }
        }
        return out;
    }
}
