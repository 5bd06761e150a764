package io.tapsteer.remote.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Accepts a server only when the key it offers is the one its known_hosts file holds for it. An
 * unknown host and a different key are refused, and the refusal says why (with the offered key's
 * SHA256 fingerprint) so the user can compare it with the host's own {@code ssh-keygen -lf}.
 * Nothing is ever added to the file: trusting a new key is the user's decision.
 */
final class KnownHostsCheck implements ServerKeyVerifier {
    private final Path file;
    private final String host;
    private final int port;
    private volatile String refusal;

    KnownHostsCheck(Path file, String host, int port) {
        this.file = file;
        this.host = host;
        this.port = port;
    }

    /** @return why the last server key was refused, or null */
    String refusal() {
        return refusal;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey offered) {
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, offered);
        String who = port == 22 ? host : "[" + host + "]:" + port;
        List<KnownHostEntry> entries;
        try {
            entries = KnownHostEntry.readKnownHostEntries(file);
        } catch (IOException | RuntimeException e) {
            refusal = "known hosts file " + file + " cannot be read: " + e.getMessage();
            return false;
        }
        boolean known = false;
        for (KnownHostEntry e : entries) {
            if (e.getMarker() != null || !matches(e, remote)) {
                continue;
            }
            known = true;
            PublicKey expected;
            try {
                expected = e.getKeyEntry().resolvePublicKey(session, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING);
            } catch (IOException | java.security.GeneralSecurityException ex) {
                continue;
            }
            if (expected != null && KeyUtils.compareKeys(expected, offered)) {
                refusal = null;
                return true;
            }
        }
        refusal = known
                ? "host key of " + who + " does not match " + file + ": it offered " + KeyUtils.getKeyType(offered) + " "
                        + fingerprint + " (if the host was reinstalled, check that fingerprint on it and replace its line)"
                : who + " is not in " + file + ": it offered " + KeyUtils.getKeyType(offered) + " " + fingerprint
                        + " (check that fingerprint on the host, then add its key with ssh-keyscan)";
        return false;
    }

    private boolean matches(KnownHostEntry e, SocketAddress remote) {
        if (e.isHostMatch(host, port)) {
            return true;
        }
        return remote instanceof InetSocketAddress a && a.getAddress() != null
                && e.isHostMatch(a.getAddress().getHostAddress(), port);
    }
}
