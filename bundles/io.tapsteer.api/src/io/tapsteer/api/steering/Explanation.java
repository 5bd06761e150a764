package io.tapsteer.api.steering;

import java.util.HexFormat;
import java.util.List;

/**
 * Why a frame goes to the queue it goes to: the fields hashed (in hash input order), the hash, the
 * hash type, the indirection-table slot and the queue, for the kernel or the user-space path.
 *
 * @param strategy the strategy's name
 * @param path "user" or "kernel"
 * @param fields the hashed fields in order, empty when nothing was hashed
 * @param hash the hash, or -1 (as long) when none
 * @param hashType the hash type's label, or "none"
 * @param slot the indirection-table slot, -1 when not used
 * @param queue on the kernel path the tap queue chosen, on the user path the lane chosen (see
 *        {@link #target()})
 * @param note anything else worth saying ("unclassified: non-IP frame")
 */
public record Explanation(String strategy, String path, List<Field> fields, long hash, String hashType,
        int slot, int queue, String note) {

    /**
     * One hashed field.
     *
     * @param name for example "src-ipv4"
     * @param bytes the bytes fed to the hash
     */
    public record Field(String name, byte[] bytes) {
        /** @return the bytes as lower-case hex */
        public String hex() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    /**
     * @return what {@link #queue()} counts: "queue" (a tap queue) on the kernel path, "lane" (a
     *         user-space consumer) on the user path
     */
    public String target() {
        return "kernel".equals(path) ? "queue" : "lane";
    }

    /** @return an explanation for a strategy that hashes nothing */
    public static Explanation of(String strategy, int queue) {
        return new Explanation(strategy, "user", List.of(), -1, "none", -1, queue, "");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("strategy ").append(strategy).append(" (").append(path).append(")\n");
        for (Field f : fields) {
            b.append("  ").append(f.name()).append(' ').append(f.hex()).append('\n');
        }
        if (hash >= 0) {
            b.append(String.format("  hash 0x%08x (%s)%n", hash, hashType));
        }
        if (slot >= 0) {
            b.append("  slot ").append(slot).append('\n');
        }
        b.append("  ").append(target()).append(' ').append(queue);
        if (!note.isEmpty()) {
            b.append("\n  note ").append(note);
        }
        return b.toString();
    }
}
