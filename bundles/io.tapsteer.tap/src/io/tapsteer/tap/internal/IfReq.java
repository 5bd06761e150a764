package io.tapsteer.tap.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/** A struct ifreq in native memory (control path only; allocates). */
final class IfReq {
    final Memory memory = new Memory(Tun.IFREQ_SIZE);

    IfReq(String name) {
        memory.clear();
        if (name != null) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            memory.write(0, b, 0, Math.min(b.length, Tun.IFNAMSIZ - 1));
        }
    }

    long address() {
        return Pointer.nativeValue(memory);
    }

    String name() {
        byte[] b = memory.getByteArray(0, Tun.IFNAMSIZ);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    short flags() {
        return memory.getShort(16);
    }

    IfReq flags(int flags) {
        memory.setShort(16, (short) flags);
        return this;
    }

    int intValue() {
        return memory.getInt(16);
    }

    IfReq intValue(int v) {
        memory.setInt(16, v);
        return this;
    }

    byte[] hwaddr() {
        return memory.getByteArray(18, 6);
    }

    IfReq hwaddr(byte[] mac) {
        memory.setShort(16, (short) Tun.ARPHRD_ETHER);
        memory.write(18, mac, 0, 6);
        return this;
    }
}
