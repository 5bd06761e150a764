package io.tapsteer.shell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Runs tapsteer's own commands ({@code tap:create}, {@code rss:hash}, ...) by binding their words
 * to the command method itself (see {@link CommandSignature}), so that a bad argument, a missing
 * one or an unknown option is answered in tapsteer's words with the command's usage instead of
 * Gogo's coercion errors, and words keep the text the user typed. Anything else (Gogo's own
 * commands, lines using Gogo syntax) is left to Gogo.
 */
final class CommandDispatch {
    private static final String PACKAGE = "io.tapsteer.";
    private final BundleContext context;

    CommandDispatch(BundleContext context) {
        this.context = context;
    }

    /** A tapsteer command line, ready to run. */
    interface Call {
        /** @return the command's result */
        Object run(CommandSession session) throws Exception;
    }

    /** The one command service a line's first word names, and the command's full name. */
    private record Named(ServiceReference<?> ref, String command, String function) {
    }

    /** @return the command {@code words} name, or null when they name none or several (Gogo's to resolve) */
    private Named named(List<String> words) throws InvalidSyntaxException {
        if (words == null || words.isEmpty()) {
            return null;
        }
        String name = words.get(0);
        int colon = name.indexOf(':');
        String scope = colon < 0 ? null : name.substring(0, colon);
        String function = name.substring(colon + 1);
        if (function.isEmpty() || !function.matches("[A-Za-z][A-Za-z0-9_-]*") || (scope != null && !scope.matches("[A-Za-z][A-Za-z0-9_-]*"))) {
            return null;
        }
        String filter = "(&" + (scope == null ? "" : "(" + CommandProcessor.COMMAND_SCOPE + "=" + scope + ")")
                + "(" + CommandProcessor.COMMAND_FUNCTION + "=" + function + "))";
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, filter);
        if (refs == null || refs.length != 1) {
            return null;
        }
        String command = scope != null ? name : refs[0].getProperty(CommandProcessor.COMMAND_SCOPE) + ":" + function;
        return new Named(refs[0], command, function);
    }

    /**
     * The usage of the command a line names, tapsteer's or Gogo's, for answering a line Gogo could
     * not bind ("Cannot coerce ...") in words.
     *
     * @return its forms joined by " or ", or null when the line names no one command or one of its
     *         forms takes what this binder does not read
     */
    String usage(String line) throws InvalidSyntaxException {
        Named n = named(CommandWords.of(line));
        if (n == null) {
            return null;
        }
        Object target = context.getService(n.ref());
        if (target == null) {
            return null;
        }
        try {
            List<CommandSignature> forms = signatures(target, n.command(), n.function());
            return forms == null ? null : String.join(" or ", forms.stream().map(CommandSignature::usage).toList());
        } finally {
            context.ungetService(n.ref());
        }
    }

    /** @return the call {@code line} makes, or null when the line is Gogo's to run */
    Call find(String line) throws InvalidSyntaxException {
        return find(CommandWords.of(line));
    }

    /**
     * @param words a command's name and words, taken as they are
     * @return the call they make, or null when they name no one tapsteer command
     */
    Call find(List<String> words) throws InvalidSyntaxException {
        Named n = named(words);
        if (n == null) {
            return null;
        }
        ServiceReference<?> ref = n.ref();
        String command = n.command();
        String function = n.function();
        Object target = context.getService(ref);
        if (target == null) {
            return null;
        }
        List<CommandSignature> forms;
        try {
            forms = forms(target, command, function);
        } finally {
            context.ungetService(ref);
        }
        if (forms == null) {
            return null;
        }
        List<String> rest = words.subList(1, words.size());
        String host = HostForward.host(forms, rest);
        if (host != null) {
            return session -> HostForward.run(context, host, command, rest, session);
        }
        return session -> {
            Object service = context.getService(ref);
            if (service == null) {
                throw new IllegalStateException(command + " is no longer available: its bundle stopped");
            }
            try {
                return call(service, forms, rest, session);
            } finally {
                context.ungetService(ref);
            }
        };
    }

    /** Binds {@code words} to one of the command's {@code forms} on {@code target} and runs it. */
    static Object call(Object target, List<CommandSignature> forms, List<String> words, CommandSession session)
            throws Exception {
        CommandSignature.Refusal best = null;
        for (CommandSignature f : forms) {
            Object[] values;
            try {
                values = f.bind(words, session);
            } catch (CommandSignature.Refusal r) {
                if (best == null || (best.arity && !r.arity)) {
                    best = r;
                }
                continue;
            }
            try {
                return f.method().invoke(target, values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception x) {
                    throw x;
                }
                throw e;
            }
        }
        if (best.arity && forms.size() > 1) {
            String m = best.getMessage();
            String problem = m.substring(0, m.indexOf("; usage: "));
            throw new IllegalArgumentException(problem + "; usage: "
                    + String.join(" or ", forms.stream().map(CommandSignature::usage).toList()));
        }
        throw best;
    }

    /** @return the forms of the command, or null when one of them takes what only Gogo reads */
    static List<CommandSignature> forms(Object target, String command, String function) {
        if (!target.getClass().getName().startsWith(PACKAGE)) {
            return null;
        }
        return signatures(target, command, function);
    }

    /** @return the forms of any command object, fewest arguments first, or null when one is unreadable */
    private static List<CommandSignature> signatures(Object target, String command, String function) {
        List<CommandSignature> forms = new ArrayList<>();
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(function) && !Modifier.isStatic(m.getModifiers())) {
                CommandSignature s = CommandSignature.of(command, m);
                if (s == null) {
                    return null;
                }
                forms.add(s);
            }
        }
        if (forms.isEmpty()) {
            return null;
        }
        // fewer arguments first, so that the shortest form a line fits is the one it means
        forms.sort(java.util.Comparator.comparingInt(s -> s.method().getParameterCount()));
        return forms;
    }
}
