package io.tapsteer.shell;

/**
 * What {@code rss:hash} returns: the Toeplitz hash of a tuple, printed as {@code 0x%08x}.
 *
 * @param hash the hash
 * @param tuple the hashed bytes, as hex (source address, destination address[, ports])
 */
public record RssHash(int hash, String tuple) {
    @Override
    public String toString() {
        return String.format("0x%08x", hash);
    }
}
