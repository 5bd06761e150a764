package io.tapsteer.ebpf.internal;

import static io.tapsteer.ebpf.internal.Op.R0;
import static io.tapsteer.ebpf.internal.Op.R1;
import static io.tapsteer.ebpf.internal.Op.R10;
import static io.tapsteer.ebpf.internal.Op.R2;
import static io.tapsteer.ebpf.internal.Op.R6;
import static io.tapsteer.ebpf.internal.Op.R7;
import static io.tapsteer.ebpf.internal.Op.R9;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.tap.KernelQueueCounters;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Table steering by a header hash, for tests and labs: the 32-bit words of the addresses and the
 * port pair of an untagged IPv4 (no options) or IPv6 frame are XORed, folded ({@code h ^= h >> 16;
 * h ^= h >> 8}) and masked into a table of queues held in an array map. Anything else hashes to 0.
 * The table can be rewritten live; {@link #slotOf} is the same hash in Java.
 */
public final class TableUnit implements SteeringUnit {
    private final BpfProgram loaded;
    private final ArrayMap table;
    private final QueueCounterMap counters;
    private volatile KernelProgram program;

    /** Loads the program and fills its table. */
    public TableUnit(KernelProgram program) {
        int[] t = program.table();
        ArrayMap map = new ArrayMap("ts_table", 4, t.length);
        QueueCounterMap count = null;
        try {
            fill(map, t);
            count = new QueueCounterMap("ts_table_cnt");
            this.loaded = BpfProgram.load("ts_table", QueueCounterMap.countExits(generate(map.fd(), t.length - 1), count.fd()));
        } catch (RuntimeException e) {
            map.close();
            if (count != null) {
                count.close();
            }
            throw e;
        }
        this.counters = count;
        this.table = map;
        this.program = program;
    }

    /** Takes over a program and its maps opened from bpffs pins. */
    TableUnit(KernelProgram program, BpfProgram loaded, ArrayMap table, QueueCounterMap counters) {
        this.program = program;
        this.loaded = loaded;
        this.table = table;
        this.counters = counters;
    }

    /** @return the table as the kernel holds it */
    static int[] read(ArrayMap map) {
        int[] t = new int[map.entries()];
        for (int i = 0; i < t.length; i++) {
            t[i] = map.getInt(i);
        }
        return t;
    }

    @Override
    public java.util.Map<String, Integer> objects() {
        return java.util.Map.of("prog", loaded.fd(), "table", table.fd(), "counters", counters.fd());
    }

    private static void fill(ArrayMap map, int[] t) {
        for (int i = 0; i < t.length; i++) {
            map.putInt(i, t[i]);
        }
    }

    static Asm generate(int mapFd, int mask) {
        Asm a = new Asm();
        Asm.Label v4 = a.label("ipv4");
        Asm.Label v6 = a.label("ipv6");
        Asm.Label slot = a.label("slot");
        Asm.Label none = a.label("no-map");
        a.mov64Reg(R6, R1).ldx(Op.W, R7, R6, Op.SKB_LEN).mov64(R9, 0);
        a.jmp(Op.JLT, R7, 14, slot).ldAbs(Op.H, 12);
        a.jmp(Op.JEQ, R0, 0x0800, v4).jmp(Op.JEQ, R0, 0x86dd, v6).ja(slot);
        a.bind(v4).jmp(Op.JLT, R7, 38, slot);
        for (int o = 26; o <= 34; o += 4) {
            a.ldAbs(Op.W, o).alu64Reg(Op.XOR, R9, R0);
        }
        a.ja(slot);
        a.bind(v6).jmp(Op.JLT, R7, 58, slot);
        for (int o = 22; o <= 54; o += 4) {
            a.ldAbs(Op.W, o).alu64Reg(Op.XOR, R9, R0);
        }
        a.bind(slot);
        a.mov64Reg(R1, R9).alu64(Op.RSH, R1, 16).alu64Reg(Op.XOR, R9, R1);
        a.mov64Reg(R1, R9).alu64(Op.RSH, R1, 8).alu64Reg(Op.XOR, R9, R1);
        a.alu64(Op.AND, R9, mask).stx(Op.W, R10, -4, R9);
        a.ldMapFd(R1, mapFd).mov64Reg(R2, R10).alu64(Op.ADD, R2, -4).call(Op.FN_MAP_LOOKUP_ELEM);
        a.jmp(Op.JEQ, R0, 0, none).ldx(Op.W, R0, R0, 0).exit();
        a.bind(none).ret(0);
        return a;
    }

    /**
     * @return the table slot the program picks for a frame (the same hash in Java)
     */
    public static int slotOf(ByteBuffer f, int off, int len, int mask) {
        int h = 0;
        if (len >= 14) {
            int type = f.getShort(off + 12) & 0xffff;
            if (type == 0x0800 && len >= 38) {
                for (int o = 26; o <= 34; o += 4) {
                    h ^= f.getInt(off + o);
                }
            } else if (type == 0x86dd && len >= 58) {
                for (int o = 22; o <= 54; o += 4) {
                    h ^= f.getInt(off + o);
                }
            }
        }
        h ^= h >>> 16;
        h ^= h >>> 8;
        return h & mask;
    }

    @Override
    public int programFd() {
        return loaded.fd();
    }

    @Override
    public int instructions() {
        return loaded.instructions();
    }

    @Override
    public KernelProgram program() {
        return program;
    }

    @Override
    public synchronized boolean rewrite(KernelProgram next) {
        if (next.kind() != KernelProgram.Kind.TABLE || next.table().length != table.entries()) {
            return false;
        }
        fill(table, next.table());
        program = next;
        return true;
    }

    @Override
    public List<KernelQueueCounters> queueCounters(int queues) {
        return counters.read(queues);
    }

    @Override
    public String maps() {
        int[] t = new int[table.entries()];
        for (int i = 0; i < t.length; i++) {
            t[i] = table.getInt(i);
        }
        return "table " + Arrays.toString(t);
    }

    @Override
    public void close() {
        loaded.close();
        table.close();
        counters.close();
    }
}
