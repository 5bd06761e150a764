package io.tapsteer.shell;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One JSON document on one line, written with Gson's {@link JsonWriter}: the escaping of names,
 * paths and flow texts is the library's (RFC 8259), the same for every command's {@code --json}.
 */
final class JsonText {
    private JsonText() {
    }

    /** What fills one document. */
    interface Body {
        void write(JsonWriter w) throws IOException;
    }

    static String of(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonWriter w = new JsonWriter(out)) {
            w.setSerializeNulls(true);
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes {@code v} rounded to {@code decimals} places (trailing zeros dropped). */
    static void rounded(JsonWriter w, double v, int decimals) throws IOException {
        double scale = Math.pow(10, decimals);
        w.value(Math.round(v * scale) / scale);
    }
}
