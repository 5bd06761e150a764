package io.tapsteer.api.config;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The defaults of a configuration annotation (the {@code @ObjectClassDefinition} type a component's
 * activate method takes) as an instance of it: every element returns its declared default, as
 * Declarative Services would hand it over for an empty configuration. Lets a component's settings
 * before its first configuration, and tests, use the annotation as the one source of defaults.
 */
public final class ConfigDefaults {
    private ConfigDefaults() {
    }

    /**
     * @param type a configuration annotation whose every element has a default
     * @return an instance returning the defaults
     * @throws IllegalArgumentException naming an element without a default
     */
    public static <A> A of(Class<A> type) {
        if (!type.isAnnotation()) {
            throw new IllegalArgumentException(type.getName() + " is not an annotation type: defaults come from a configuration annotation");
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.getDefaultValue() == null) {
                throw new IllegalArgumentException(type.getName() + "." + m.getName() + " has no default: every element needs one");
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object d = method.getDefaultValue();
            if (d != null) {
                return d instanceof Object[] a ? a.clone() : d;
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "toString" -> "defaults of " + type.getName();
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        });
        return type.cast(proxy);
    }
}
