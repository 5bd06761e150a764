package io.tapsteer.remote.internal;

import java.io.InvalidClassException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeoutException;

/**
 * Wraps an imported service so that a failed remote call says what happened in tapsteer's words:
 * which host, a timeout, a refused payload or the host's own refusal (an IllegalArgumentException
 * thrown on the host keeps its type and message, so a command prints it as if it ran locally).
 */
final class RemoteCalls implements InvocationHandler {
    private final String host;
    private final Object target;

    private RemoteCalls(String host, Object target) {
        this.host = host;
        this.target = target;
    }

    @SuppressWarnings("unchecked")
    static <T> T wrap(String host, Class<T> type, Object target) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new RemoteCalls(host, target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "remote " + method.getDeclaringClass().getSimpleName() + " of host " + host;
            };
        }
        if (!crosses(method)) {
            throw new UnsupportedOperationException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " is not callable on host " + host + ": it takes or gives a live handle (a tap, a queue, memory), "
                    + "not a value; remote calls pass snapshots only");
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw translate(e.getCause(), method);
        }
    }

    /** @return whether every parameter and the result of the method are values that can cross */
    static boolean crosses(Method method) {
        for (java.lang.reflect.Type t : method.getGenericParameterTypes()) {
            if (!value(t)) {
                return false;
            }
        }
        return method.getReturnType() == void.class || value(method.getGenericReturnType());
    }

    private static boolean value(java.lang.reflect.Type t) {
        if (t instanceof Class<?> c) {
            return c.isPrimitive() || c.isArray() && value(c.getComponentType())
                    || !c.isInterface() && java.io.Serializable.class.isAssignableFrom(c);
        }
        if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && (java.util.List.class.isAssignableFrom(raw) || java.util.Map.class.isAssignableFrom(raw))) {
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                if (!value(a)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private RuntimeException translate(Throwable e, Method method) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException && !(e.getCause() instanceof Exception)) {
            return (RuntimeException) e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return new IllegalStateException("host " + host + " did not answer " + method.getName() + " within "
                        + RemoteEngine.CALL_TIMEOUT_MILLIS + " ms: host:list shows whether it is reachable", e);
            }
            if (t instanceof InvalidClassException) {
                String why = WireFilter.lastRefusal();
                return new IllegalStateException("the answer of host " + host + " to " + method.getName() + " was refused: "
                        + (why.isEmpty() ? t.getMessage() : why), e);
            }
        }
        return new IllegalStateException("host " + host + " could not answer " + method.getName() + ": " + Messages.of(e), e);
    }
}
