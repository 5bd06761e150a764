package io.tapsteer.ebpf.internal;

import io.tapsteer.api.steering.KernelProgram;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.tap.KernelQueueCounters;
import java.util.HexFormat;
import java.util.List;

/**
 * The RSS steering program with its two maps: {@code ts_rss_sel} (one u32, the live state element)
 * and {@code ts_rss_state} (two {@link RssLayout} elements). A new key, hash-type set, table or
 * unclassified queue is written into the idle element and then selected: it takes effect at once,
 * without re-attaching, and no frame sees half of it.
 */
public final class RssUnit implements SteeringUnit {
    private final ArrayMap select;
    private final ArrayMap state;
    private final QueueCounterMap counters;
    private final BpfProgram loaded;
    private volatile KernelProgram program;
    private int live;

    /** Creates the maps, writes {@code program.rss()} and loads the program. */
    public RssUnit(KernelProgram program) {
        ArrayMap sel = null;
        ArrayMap st = null;
        QueueCounterMap count = null;
        try {
            sel = new ArrayMap("ts_rss_sel", 4, 1);
            st = new ArrayMap("ts_rss_state", RssLayout.SIZE, 2);
            st.put(0, RssLayout.encode(program.rss(), RssTables.of(program.rss())));
            sel.putInt(0, 0);
            count = new QueueCounterMap("ts_rss_cnt");
            this.loaded = BpfProgram.load("ts_rss", QueueCounterMap.countExits(RssProgram.generate(sel.fd(), st.fd()), count.fd()));
        } catch (RuntimeException e) {
            if (sel != null) {
                sel.close();
            }
            if (st != null) {
                st.close();
            }
            if (count != null) {
                count.close();
            }
            throw e;
        }
        this.counters = count;
        this.select = sel;
        this.state = st;
        this.program = program;
    }

    /** Takes over a program and its maps opened from bpffs pins; the live element is read back. */
    RssUnit(KernelProgram program, BpfProgram loaded, ArrayMap select, ArrayMap state, QueueCounterMap counters) {
        this.program = program;
        this.loaded = loaded;
        this.select = select;
        this.state = state;
        this.counters = counters;
        this.live = select.getInt(0) & 1;
    }

    /** @return the configuration in the live state element, with {@code key} (the tables do not keep it whole) */
    static RssConfig read(ArrayMap select, ArrayMap state, byte[] key, boolean userTable) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(state.get(select.getInt(0) & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] table = new int[b.getInt(RssLayout.MASK) + 1];
        for (int i = 0; i < table.length; i++) {
            table[i] = b.getShort(RssLayout.TABLE + 2 * i) & 0xffff;
        }
        return new RssConfig(key, b.getInt(RssLayout.TYPES), table, b.getInt(RssLayout.UNCLASSIFIED), userTable);
    }

    @Override
    public java.util.Map<String, Integer> objects() {
        return java.util.Map.of("prog", loaded.fd(), "rss_sel", select.fd(), "rss_state", state.fd(), "counters", counters.fd());
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
        if (next.kind() != KernelProgram.Kind.RSS) {
            return false;
        }
        RssConfig c = next.rss();
        int idle = live ^ 1;
        state.put(idle, RssLayout.encode(c, RssTables.of(c)));
        select.putInt(0, idle); // the switch: one 4-byte map write
        live = idle;
        program = next;
        return true;
    }

    @Override
    public List<KernelQueueCounters> queueCounters(int queues) {
        return counters.read(queues);
    }

    @Override
    public synchronized String maps() {
        int sel = select.getInt(0);
        return "ts_rss_sel [" + sel + "], ts_rss_state[" + sel + "] " + RssLayout.describe(state.get(sel), 16)
                + ", key " + HexFormat.of().formatHex(program.rss().key());
    }

    @Override
    public void close() {
        loaded.close();
        select.close();
        state.close();
        counters.close();
    }
}
