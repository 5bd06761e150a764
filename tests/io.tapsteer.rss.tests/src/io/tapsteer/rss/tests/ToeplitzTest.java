package io.tapsteer.rss.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.rss.Toeplitz;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte tables agree with the bit-by-bit definition for any key length, and their layout is as documented. */
class ToeplitzTest {
    @Test
    void tablesAgreeWithBitwiseLoopForRandomKeysAndTuples() {
        Random r = new Random(4);
        for (int round = 0; round < 500; round++) {
            byte[] key = new byte[5 + r.nextInt(60)];
            r.nextBytes(key);
            Toeplitz t = new Toeplitz(key);
            int len = r.nextInt(key.length - 3);
            byte[] tuple = new byte[len + 3];
            r.nextBytes(tuple);
            assertEquals(Toeplitz.hashBitwise(key, tuple, 3, len), t.hash(tuple, 3, len), "key " + key.length + " tuple " + len);
        }
    }

    @Test
    void byteTableEntryIsTheHashOfThatByteAtThatPosition() {
        byte[] key = new byte[40];
        new Random(7).nextBytes(key);
        int[] tables = Toeplitz.byteTables(key, 36);
        assertEquals(36 * 256, tables.length);
        byte[] tuple = new byte[36];
        for (int p = 0; p < 36; p += 5) {
            for (int v = 0; v < 256; v += 37) {
                tuple[p] = (byte) v;
                assertEquals(Toeplitz.hashBitwise(key, tuple, 0, 36), tables[p * 256 + v], "position " + p + " value " + v);
                tuple[p] = 0;
            }
        }
    }

    @Test
    void bufferPartsXorToTheWholeTuple() {
        byte[] key = new byte[40];
        new Random(9).nextBytes(key);
        Toeplitz t = new Toeplitz(key);
        byte[] tuple = new byte[36];
        new Random(10).nextBytes(tuple);
        ByteBuffer b = ByteBuffer.allocateDirect(64);
        for (int i = 0; i < 36; i++) {
            b.put(10 + i, tuple[i]);
        }
        int parts = t.hash(b, 10, 16, 0) ^ t.hash(b, 26, 16, 16) ^ t.hash(b, 42, 4, 32);
        assertEquals(t.hash(tuple, 0, 36), parts);
    }

    @Test
    void bufferPartsOfAnyLengthAndPositionAgreeWithTheBitwiseLoop() {
        byte[] key = new byte[40];
        new Random(11).nextBytes(key);
        Toeplitz t = new Toeplitz(key);
        byte[] tuple = new byte[36];
        new Random(12).nextBytes(tuple);
        ByteBuffer b = ByteBuffer.wrap(tuple);
        for (int position = 0; position <= 36; position++) {
            for (int len = 0; position + len <= 36; len++) {
                byte[] only = new byte[36]; // the part at its position, zeros elsewhere: same hash
                System.arraycopy(tuple, position, only, position, len);
                assertEquals(Toeplitz.hashBitwise(key, only, 0, 36), t.hash(b, position, len, position),
                        "part of " + len + " bytes at " + position);
            }
        }
    }

    @Test
    void tablesAreConstantsOfTheirOwnClassInsideTheFramework() {
        // the fast form: the bundle's class loader must let the key's class be defined; a failure
        // would silently halve the speed, so it is checked here, where the bundle really runs
        assertEquals("Toeplitz[40-byte key, tables as constants]", new Toeplitz(new byte[40]).toString());
        byte[] key = new byte[40];
        new Random(13).nextBytes(key);
        byte[] tuple = new byte[12];
        new Random(14).nextBytes(tuple);
        Toeplitz other = new Toeplitz(key); // every key gets its own constant tables, not only the first
        assertEquals("Toeplitz[40-byte key, tables as constants]", other.toString());
        assertEquals(Toeplitz.hashBitwise(key, tuple, 0, 12), other.hash(tuple, 0, 12), "another key's constants");
    }

    @Test
    void keyTooShortForTupleIsRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Toeplitz.byteTables(new byte[16], 13));
        assertTrue(e.getMessage().contains("tuple + 4"), e.getMessage());
        Toeplitz t = new Toeplitz(new byte[16]);
        assertEquals(12, t.capacity());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> t.hash(new byte[36], 0, 36));
        assertTrue(tooLong.getMessage().contains("12 bytes"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Toeplitz(new byte[4]));
    }
}
