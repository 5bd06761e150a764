package io.tapsteer.rss;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;

/**
 * The template of one key's tables as constants: {@link KeyTables} defines a hidden class from these
 * bytes per key, with the padded tables as class data. A static final field of a class is a
 * constant to the JIT, so the tables' address and length fold into every lookup. Never loaded under
 * its own name (it would have no tables).
 */
final class ConstantTables implements Toeplitz.Lookups {
    private static final int[] TABLES = tables();

    private static int[] tables() {
        try {
            return MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, int[].class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the Toeplitz tables of a key could not be read from its class", e);
        }
    }

    @Override
    public int word(int word, int position) {
        return Toeplitz.word(TABLES, word, position);
    }

    @Override
    public int hash(byte[] tuple, int off, int len) {
        return Toeplitz.hash(TABLES, tuple, off, len);
    }
}
