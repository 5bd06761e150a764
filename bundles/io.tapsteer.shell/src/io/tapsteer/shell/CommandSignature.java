package io.tapsteer.shell;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;

/**
 * One form of a command as its method declares it with Gogo's annotations: options
 * ({@code @Parameter}), positional arguments ({@code @Descriptor} text as their name), a trailing
 * {@code String...} for the rest, and the session where asked for. Binds a command's words to the
 * method's arguments, refusing in tapsteer's words what does not fit.
 */
final class CommandSignature {
    private static final String UNSPECIFIED = org.apache.felix.service.command.Parameter.UNSPECIFIED;

    /** A refusal to bind; {@code arity} when the count of words is what did not fit. */
    static final class Refusal extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final boolean arity;

        Refusal(String message, boolean arity) {
            super(message);
            this.arity = arity;
        }
    }

    private enum Kind { SESSION, OPTION, FLAG, POSITIONAL, REST }

    private record Arg(Kind kind, Class<?> type, List<String> names, String absent, String present, String about) {
        String label() {
            return kind == Kind.OPTION || kind == Kind.FLAG ? names.get(names.size() - 1) : about;
        }
    }

    private final String command;
    private final Method method;
    private final List<Arg> args = new ArrayList<>();

    private CommandSignature(String command, Method method, List<Arg> args) {
        this.command = command;
        this.method = method;
        this.args.addAll(args);
    }

    /** @return the form of {@code method}, or null when it takes a type this binder does not read */
    static CommandSignature of(String command, Method method) {
        List<Arg> args = new ArrayList<>();
        Parameter[] ps = method.getParameters();
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            Class<?> t = p.getType();
            Descriptor d = p.getAnnotation(Descriptor.class);
            String about = d == null ? "argument " + (i + 1) : shortName(d.value());
            org.apache.felix.service.command.Parameter o = p.getAnnotation(org.apache.felix.service.command.Parameter.class);
            if (t == CommandSession.class) {
                args.add(new Arg(Kind.SESSION, t, List.of(), null, null, about));
            } else if (o != null && readable(t)) {
                boolean flag = !UNSPECIFIED.equals(o.presentValue());
                args.add(new Arg(flag ? Kind.FLAG : Kind.OPTION, t, List.of(o.names()), o.absentValue(), o.presentValue(),
                        d == null ? "" : d.value()));
            } else if (i == ps.length - 1 && t == String[].class) {
                args.add(new Arg(Kind.REST, t, List.of(), null, null, about));
            } else if (readable(t)) {
                args.add(new Arg(Kind.POSITIONAL, t, List.of(), null, null, about));
            } else {
                return null;
            }
        }
        return new CommandSignature(command, method, args);
    }

    private static boolean readable(Class<?> t) {
        return t == String.class || t == int.class || t == Integer.class || t == long.class || t == Long.class
                || t == boolean.class || t == Boolean.class;
    }

    /** A positional argument's name: its description up to the first comma or parenthesis. */
    private static String shortName(String about) {
        int cut = about.length();
        for (String stop : new String[] {",", " (", ";"}) {
            int at = about.indexOf(stop);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        return about.substring(0, cut).strip();
    }

    Method method() {
        return method;
    }

    /** @return the usage line, for example {@code tap:create [-q|--queues QUEUES] [-p|--persist] <device name>} */
    String usage() {
        StringBuilder b = new StringBuilder(command);
        for (Arg a : args) {
            switch (a.kind) {
                case OPTION -> b.append(" [").append(String.join("|", a.names)).append(' ').append(placeholder(a)).append(']');
                case FLAG -> b.append(" [").append(String.join("|", a.names)).append(']');
                case POSITIONAL -> b.append(" <").append(a.about).append('>');
                case REST -> b.append(" [<").append(a.about).append("> ...]");
                case SESSION -> {
                }
            }
        }
        return b.toString();
    }

    private static String placeholder(Arg a) {
        return a.names.get(a.names.size() - 1).replaceFirst("^-+", "").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * @return the method's arguments for {@code words} (the words after the command's name)
     * @throws Refusal saying what did not fit and what is allowed
     */
    Object[] bind(List<String> words, CommandSession session) {
        Object[] values = new Object[args.size()];
        boolean[] set = new boolean[args.size()];
        List<String> positional = new ArrayList<>();
        // a command with only a rest of words and no declared option reads its options itself
        boolean ownsWords = args.stream().anyMatch(a -> a.kind == Kind.REST)
                && args.stream().noneMatch(a -> a.kind == Kind.OPTION || a.kind == Kind.FLAG);
        boolean optionsEnd = ownsWords;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!optionsEnd && w.equals("--")) {
                optionsEnd = true;
                continue;
            }
            if (optionsEnd || !isOption(w)) {
                positional.add(w);
                continue;
            }
            String name = w;
            String inline = null;
            int eq = w.indexOf('=');
            if (eq > 0) {
                name = w.substring(0, eq);
                inline = w.substring(eq + 1);
            }
            int at = option(name);
            if (at < 0) {
                throw new Refusal("'" + name + "' is not an option of " + command + "; " + usageLine(), false);
            }
            Arg a = args.get(at);
            if (a.kind == Kind.FLAG) {
                if (inline != null) {
                    throw new Refusal(name + " takes no value; " + usageLine(), false);
                }
                values[at] = convert(a, name, a.present);
            } else {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= words.size()) {
                        throw new Refusal(name + " needs a value: " + a.about + "; " + usageLine(), false);
                    }
                    v = words.get(++i);
                }
                values[at] = convert(a, name, v);
            }
            set[at] = true;
        }
        // the count of words first: a surplus word is not mistaken for a badly typed argument
        long wanted = args.stream().filter(a -> a.kind == Kind.POSITIONAL).count();
        boolean rest = args.stream().anyMatch(a -> a.kind == Kind.REST);
        if (positional.size() < wanted) {
            Arg missing = args.stream().filter(a -> a.kind == Kind.POSITIONAL).skip(positional.size()).findFirst().orElseThrow();
            throw new Refusal("missing <" + missing.about + ">; " + usageLine(), true);
        }
        if (!rest && positional.size() > wanted) {
            throw new Refusal("too many arguments, from '" + positional.get((int) wanted) + "' on; " + usageLine(), true);
        }
        int next = 0;
        for (int at = 0; at < args.size(); at++) {
            Arg a = args.get(at);
            switch (a.kind) {
                case SESSION -> values[at] = session;
                case OPTION, FLAG -> {
                    if (!set[at]) {
                        values[at] = convert(a, a.label(), a.absent);
                    }
                }
                case POSITIONAL -> {
                    values[at] = convert(a, a.about, positional.get(next++));
                }
                case REST -> {
                    values[at] = positional.subList(next, positional.size()).toArray(String[]::new);
                    next = positional.size();
                }
            }
        }
        return values;
    }

    private String usageLine() {
        return "usage: " + usage();
    }

    /** An option is a dash and a letter; {@code -1} is a (negative) value. */
    private static boolean isOption(String w) {
        return w.length() > 1 && w.charAt(0) == '-' && (Character.isLetter(w.charAt(1)) || w.charAt(1) == '-');
    }

    /** @return whether this form has the option {@code name} ({@code --host}) */
    boolean takes(String name) {
        return option(name) >= 0;
    }

    private int option(String name) {
        for (int at = 0; at < args.size(); at++) {
            if (args.get(at).names.contains(name)) {
                return at;
            }
        }
        return -1;
    }

    private Object convert(Arg a, String label, String v) {
        Class<?> t = a.type;
        if (t == String.class) {
            return v;
        }
        if (t == boolean.class || t == Boolean.class) {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.valueOf(v);
            }
            throw new Refusal(label + " '" + v + "' is not true or false" + about(a), false);
        }
        try {
            return t == int.class || t == Integer.class ? (Object) Integer.valueOf(v) : (Object) Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new Refusal(label + " '" + v + "' is not a whole number" + about(a), false);
        }
    }

    private static String about(Arg a) {
        return a.about.isEmpty() || a.kind == Kind.POSITIONAL ? "" : ": give " + a.about;
    }
}
