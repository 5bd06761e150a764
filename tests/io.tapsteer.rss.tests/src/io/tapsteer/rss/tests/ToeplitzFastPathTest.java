package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.rss.Toeplitz;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hash's fast shapes (straight-line 12 and 36 bytes, masked lookups into padded tables, words
 * read from buffers 8 and 4 bytes at a time) against the bit-by-bit definition: every length, odd
 * offsets, heap and direct buffers in both byte orders.
 */
class ToeplitzFastPathTest {
    private static final ByteOrder[] ORDERS = {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN};

    @Test
    void everyLengthUpTo36AgreesWithTheBitwiseLoop() {
        Random r = new Random(36);
        for (int k = 0; k < 6; k++) {
            byte[] key = k == 0 ? RssConfig.DEFAULT_KEY : new byte[40];
            if (k > 0) {
                r.nextBytes(key);
            }
            Toeplitz t = new Toeplitz(key);
            byte[] data = new byte[48];
            for (int round = 0; round < 20; round++) {
                r.nextBytes(data);
                for (int len = 0; len <= 36; len++) {
                    for (int off : new int[] {0, 1, 3, 12 - len % 5}) {
                        assertEquals(Toeplitz.hashBitwise(key, data, off, len), t.hash(data, off, len),
                                "key " + k + " length " + len + " offset " + off);
                    }
                }
            }
        }
    }

    @Test
    void bufferPartsAgreeWithTheBitwiseLoopInBothOrdersAtOddOffsets() {
        Random r = new Random(37);
        byte[] key = new byte[40];
        r.nextBytes(key);
        Toeplitz t = new Toeplitz(key);
        byte[] tuple = new byte[36];
        for (int round = 0; round < 30; round++) {
            r.nextBytes(tuple);
            for (int len = 1; len <= 36; len++) {
                int position = r.nextInt(37 - len);
                // Toeplitz is linear: the part's contribution is the hash of the tuple with only that part set
                byte[] only = new byte[36];
                System.arraycopy(tuple, position, only, position, len);
                int expected = Toeplitz.hashBitwise(key, only, 0, 36);
                for (ByteOrder order : ORDERS) {
                    for (boolean direct : new boolean[] {false, true}) {
                        int off = 1 + 2 * r.nextInt(6); // odd: no read is aligned by accident
                        ByteBuffer b = (direct ? ByteBuffer.allocateDirect(off + len) : ByteBuffer.allocate(off + len)).order(order);
                        b.position(off);
                        b.put(tuple, position, len);
                        b.position(0);
                        assertEquals(expected, t.hash(b, off, len, position), "length " + len + " at " + position
                                + ", " + order + (direct ? " direct" : " heap") + " buffer, offset " + off);
                        assertEquals(0, b.position(), "the buffer's position is not used");
                        assertEquals(order, b.order(), "the buffer's order is left alone");
                    }
                }
            }
        }
    }

    @Test
    void paddedTablesDoNotWidenWhatAKeyCovers() {
        Toeplitz t = new Toeplitz(new byte[20]); // covers 16 bytes; its padded table has room for 16 more
        ByteBuffer b = ByteBuffer.allocate(64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.hash(b, 0, 4, 16));
        assertTrue(e.getMessage().contains("16-byte tuple"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.hash(b, 0, 17, 0));
        assertThrows(IllegalArgumentException.class, () -> t.hash(b, 0, 4, -1));
        assertThrows(IllegalArgumentException.class, () -> t.hash(new byte[20], 0, 17));
        assertEquals(0, t.hash(b, 0, 16, 0), "an all-zero key hashes everything to 0");
    }
}
