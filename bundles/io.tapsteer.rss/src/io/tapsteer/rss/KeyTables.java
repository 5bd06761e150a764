package io.tapsteer.rss;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Makes a key's tables constants of a class of their own, so the JIT compiles each lookup to one
 * load from a fixed address plus the tuple byte: the tables' address and length are known when the
 * hash is compiled, so the range checks and the field load disappear and every constant tuple
 * position folds into the load (one instruction per tuple byte besides reading the byte, as in C;
 * with the tables in a field it took about twice that).
 *
 * <p>Each key gets a hidden class defined from the bytes of {@link ConstantTables} with the padded
 * tables as its class data. A class per distinct key is kept for the last few keys, so a key used
 * again (the default key above all) reuses its class, and a call site that hashes with one key sees
 * one class and inlines it; classes of keys no longer used are unloaded with their last
 * {@link Toeplitz}. Where a class cannot be defined (its bytes are not readable as a resource) the
 * tables stay in a field: the same results, slower.
 */
final class KeyTables {
    private static final Logger LOG = Logger.getLogger(KeyTables.class.getName());
    private static final int KEEP = 8;
    private static final String TEMPLATE = "ConstantTables.class";
    private static final Map<Key, Toeplitz.Lookups> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Toeplitz.Lookups> eldest) {
            return size() > KEEP;
        }
    };
    private static volatile byte[] template;

    private KeyTables() {
    }

    /** @return the lookups over the tables of {@code key} for tuples of up to {@code tupleBytes} */
    static Toeplitz.Lookups of(byte[] key, int tupleBytes) {
        Key k = new Key(key, tupleBytes);
        synchronized (RECENT) {
            Toeplitz.Lookups known = RECENT.get(k);
            if (known != null) {
                return known;
            }
        }
        int[] tables = Toeplitz.paddedTables(key, tupleBytes);
        Toeplitz.Lookups made = constant(tables);
        synchronized (RECENT) {
            return RECENT.merge(k, made, (old, mine) -> old);
        }
    }

    /** @return the lookups with the tables as constants, or over a field when no class can be made */
    static Toeplitz.Lookups constant(int[] tables) {
        byte[] bytes = templateBytes();
        if (bytes != null) {
            try {
                MethodHandles.Lookup own = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, tables, true);
                return (Toeplitz.Lookups) own.findConstructor(own.lookupClass(), MethodType.methodType(void.class)).invoke();
            } catch (RuntimeException | LinkageError e) { // fall back, never fail a key; said once
                template = new byte[0];
                LOG.info("tapsteer: Toeplitz tables stay in a field (about 1.5x slower hashing): no class of"
                        + " constants could be defined here: " + e);
            } catch (Throwable e) { // the constructor handle's declared Throwable: not expected from a no-op constructor
                throw new IllegalStateException("the Toeplitz tables' class could not be instantiated", e);
            }
        }
        return field(tables);
    }

    /** @return the lookups over tables held in a field */
    static Toeplitz.Lookups field(int[] tables) {
        return new Toeplitz.Lookups() {
            @Override
            public int word(int word, int position) {
                return Toeplitz.word(tables, word, position);
            }

            @Override
            public int hash(byte[] tuple, int off, int len) {
                return Toeplitz.hash(tables, tuple, off, len);
            }
        };
    }

    private static byte[] templateBytes() {
        byte[] t = template;
        if (t == null) {
            try (InputStream in = KeyTables.class.getResourceAsStream(TEMPLATE)) {
                t = in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                t = new byte[0];
            }
            template = t;
        }
        return t.length == 0 ? null : t;
    }

    /** A key and the tuple length its tables cover, compared by content. */
    private static final class Key {
        private final byte[] key;
        private final int tupleBytes;

        Key(byte[] key, int tupleBytes) {
            this.key = key.clone();
            this.tupleBytes = tupleBytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tupleBytes == tupleBytes && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + tupleBytes;
        }
    }
}
