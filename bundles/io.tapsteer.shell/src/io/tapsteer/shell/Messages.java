package io.tapsteer.shell;

import java.lang.reflect.InvocationTargetException;

/** Turns exceptions into the one sentence a shell user sees. */
final class Messages {
    private Messages() {
    }

    /** @return the innermost meaningful message of {@code e} */
    static String of(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
