package io.tapsteer.stats.json;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One JSON document on one line, written with Gson's {@link JsonWriter}: the escaping of names,
 * paths and flow texts is the library's (RFC 8259), and numbers are written one way, for every
 * {@code --json} tapsteer prints (stats, demo, scan, what-if and VM reports).
 */
public final class JsonDocument {
    private JsonDocument() {
    }

    /** What fills one document. */
    public interface Body {
        /** Writes the document's one value (an object, mostly). */
        void write(JsonWriter w) throws IOException;
    }

    /** @return the document {@code body} writes, on one line, nulls included */
    public static String of(Body body) {
        StringWriter out = new StringWriter(1024);
        try (JsonWriter w = new JsonWriter(out)) {
            w.setSerializeNulls(true);
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Writes a rate or a fraction: whole numbers without a fraction, others to 6 decimals; NaN and
     * infinities (not JSON) become null.
     */
    public static void number(JsonWriter w, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            w.nullValue();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            w.value((long) v);
        } else {
            w.value(Math.round(v * 1e6) / 1e6);
        }
    }

    /** Writes {@code v} rounded to {@code decimals} places (trailing zeros dropped). */
    public static void rounded(JsonWriter w, double v, int decimals) throws IOException {
        double scale = Math.pow(10, decimals);
        w.value(Math.round(v * scale) / scale);
    }
}
