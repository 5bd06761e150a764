package io.tapsteer.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one command line into words as a user means them: at blanks outside quotes, quotes
 * removed, a backslash taking the next character as it is. A word is text as written, so an
 * all-digit hex key stays text and {@code [2001:db8::1]:443} stays one word (Gogo would read a
 * number and a list).
 */
final class CommandWords {
    private CommandWords() {
    }

    /**
     * @return the words of {@code line}, or null when the line uses Gogo's own syntax outside quotes
     *         (variables, closures, sub-commands, pipes, redirections, assignments), which Gogo runs
     */
    static List<String> of(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '$') {
                    return null;
                } else if (quote == '"' && c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else if ("$({}|<>&;`".indexOf(c) >= 0) {
                return null;
            } else {
                inWord = true;
                if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a " + (quote == '"' ? "double" : "single") + " quote is not closed");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words.size() > 1 && words.get(1).equals("=") ? null : words;
    }
}
