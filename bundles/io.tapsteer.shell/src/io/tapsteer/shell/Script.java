package io.tapsteer.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into its top-level commands (at {@code ;} and newlines outside quotes and
 * brackets), so each command's result is printed and the first failure is named. Gogo itself
 * would print only the last result of {@code "CMD; CMD"}.
 */
final class Script {
    private Script() {
    }

    /** @return the commands of {@code script}, stripped, empty ones left out */
    static List<String> commands(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < script.length()) {
                    cur.append(c).append(script.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if ((c == ';' || c == '\n') && depth == 0) {
                add(out, cur);
                continue;
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
